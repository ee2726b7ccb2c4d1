"""The slot engine: which times a host offers, as pure functions of plain values (no ORM).

A host's weekly windows are wall-clock times in the practice's zone ("Tuesday 12:00 to 15:00
New York time"). Slots start on the window's wall-clock grid (12:00, 12:15, ...) and last a
real `slot` of time. Across daylight saving time:

- spring forward: grid times that do not exist that night (02:00 to 02:59) are not offered,
  and a slot that would run into the next one's real time is dropped, so none overlap;
- fall back: a grid time that happens twice (01:00 to 01:59) is offered twice, once per
  occurrence, as the two are different instants an hour apart.

Everything returned is an aware datetime in UTC. The filters, in order: the query range, the
minimum notice and the horizon (from `now`), exceptions (a slot touching one is removed), existing
bookings with the buffers around each (a slot is free when its buffered span does not meet
another booking's buffered span), and the daily cap (a local day with `daily_cap` bookings offers
nothing more).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple

EPSILON = timedelta(microseconds=1)


@dataclass(frozen=True)
class Window:
    """Weekly availability: `weekday` 0 (Monday) to 6, from `start` to `end` wall-clock time."""

    weekday: int
    start: time
    end: time


@dataclass(frozen=True)
class Rules:
    """What a host set: windows, slot length, buffers, notice, horizon, cap and exceptions
    (aware (start, end) instants during which nothing is offered)."""

    windows: tuple[Window, ...]
    slot: timedelta = timedelta(minutes=15)
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    notice: timedelta = timedelta(hours=24)
    horizon: timedelta = timedelta(days=21)
    daily_cap: int | None = None
    exceptions: tuple[tuple[datetime, datetime], ...] = field(default=())


class Slot(NamedTuple):
    """One call's time, aware UTC instants (a tuple: cheap to make, sort and compare)."""

    start: datetime
    end: datetime


def wall_instants(day, wall_time, zone):
    """The instants (UTC) at which the practice's clock shows `wall_time` on `day`: none in the
    spring-forward gap, two in the fall-back hour, else one."""
    found = []
    for fold in (0, 1):
        local = datetime.combine(day, wall_time, tzinfo=zone).replace(fold=fold)
        instant = local.astimezone(UTC)
        back = instant.astimezone(zone)
        if back.replace(tzinfo=None) == local.replace(tzinfo=None, fold=0) and instant not in found:
            found.append(instant)
    return found


def steady_offset(day, zone):
    """The UTC offset the practice's clock keeps all of `day`, or None on a day it changes
    (assumes no zone changes its clock twice in one day and back)."""
    offsets = {
        datetime.combine(day, moment, tzinfo=zone).replace(fold=fold).utcoffset()
        for moment in (time(0), time.max)
        for fold in (0, 1)
    }
    return offsets.pop() if len(offsets) == 1 else None


def _minutes(value):
    return value.hour * 60 + value.minute


def _on_the_wall(start, minutes, window, day, zone):
    """Whether the clock reads inside `window` on `day` through each minute of a slot (checked
    only for a slot that spans a clock change, when its clock may run backward)."""
    for minute in range(minutes):
        wall = (start + timedelta(minutes=minute)).astimezone(zone)
        if wall.date() != day or not window.start <= wall.time() < window.end:
            return False
    return True


def window_slots(rules, day, zone):
    """Every slot of `day`'s windows, in order, never overlapping (see the module)."""
    candidates = []
    step = int(rules.slot.total_seconds() // 60)
    windows = [window for window in rules.windows if window.weekday == day.weekday()]
    if not windows or step <= 0:
        return []
    offset = steady_offset(day, zone)
    for window in windows:
        end_minutes = _minutes(window.end)
        minute = _minutes(window.start)
        if offset is not None:
            # Most days: the clock keeps one offset, so the grid maps straight to UTC.
            midnight = datetime.combine(day, time(0), tzinfo=UTC) - offset
            while minute + step <= end_minutes:
                start = midnight + timedelta(minutes=minute)
                candidates.append(Slot(start, start + rules.slot))
                minute += step
            continue
        while minute + step <= end_minutes:
            for start in wall_instants(day, time(minute // 60, minute % 60), zone):
                end = start + rules.slot
                # The slot's last moment, not its end: at a spring-forward gap the clock jumps
                # from 01:59:59 to 03:00, so a slot ending then ends "at 03:00" on the wall.
                last = (end - EPSILON).astimezone(zone)
                if last.date() != day or last.time() >= window.end:
                    continue
                if last.utcoffset() != start.astimezone(zone).utcoffset() and not _on_the_wall(
                    start, step, window, day, zone
                ):
                    continue  # across the fall-back hour its clock leaves the window
                candidates.append(Slot(start, end))
            minute += step
    slots = []
    for slot in sorted(set(candidates)):
        if not slots or slot.start >= slots[-1].end:
            slots.append(slot)
    return slots


def _overlaps(start, end, spans):
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def local_day(instant, zone):
    return instant.astimezone(zone).date()


def free_slots(rules, *, now, start, end, busy=(), zone):
    """The slots `rules` offers that start in [start, end), at or after `now` plus the notice and
    before `now` plus the horizon, given the host's `busy` (start, end) bookings."""
    earliest = max(start, now + rules.notice)
    latest = min(end, now + rules.horizon)
    if earliest >= latest:
        return []
    busy = [(b_start.astimezone(UTC), b_end.astimezone(UTC)) for b_start, b_end in busy]
    blocked = [(b_start - rules.buffer_before, b_end + rules.buffer_after) for b_start, b_end in busy]
    booked_per_day = Counter(local_day(b_start, zone) for b_start, _ in busy)
    offered = []
    day = local_day(earliest, zone)
    last_day = local_day(latest, zone)
    while day <= last_day:
        if rules.daily_cap is None or booked_per_day[day] < rules.daily_cap:
            for slot in window_slots(rules, day, zone):
                if not earliest <= slot.start < latest:
                    continue
                if _overlaps(slot.start, slot.end, rules.exceptions):
                    continue
                span = (slot.start - rules.buffer_before, slot.end + rules.buffer_after)
                if _overlaps(*span, blocked):
                    continue
                offered.append(slot)
        day += timedelta(days=1)
    return offered
