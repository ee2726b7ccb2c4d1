"""The slot engine (booking/slots.py) on plain values: the times a host offers, around the
2027 daylight saving changes in New York and anywhere Hypothesis looks."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking.slots import Rules, Window, free_slots, local_day, window_slots

NEW_YORK = ZoneInfo("America/New_York")
SPRING_FORWARD = date(2027, 3, 14)  # 02:00 EST becomes 03:00 EDT
FALL_BACK = date(2027, 11, 7)  # 02:00 EDT becomes 01:00 EST
SUNDAY = 6
MINUTE = timedelta(minutes=1)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def local(day, hour, minute=0, fold=0):
    return datetime.combine(day, time(hour, minute), tzinfo=NEW_YORK).replace(fold=fold)


def offered(rules, now, days=30, busy=()):
    return free_slots(rules, now=now, start=now, end=now + timedelta(days=days), busy=busy, zone=NEW_YORK)


# -- Examples: what a host and a visitor see ------------------------------------------------


def test_a_tuesday_window_offers_its_quarter_hours_in_new_york_time_winter_and_summer():
    rules = Rules(windows=(Window(1, time(12), time(15)),), notice=timedelta(0))
    winter = offered(rules, utc(2027, 1, 11), days=2)  # Tuesday 12 January
    summer = offered(rules, utc(2027, 7, 12), days=2)  # Tuesday 13 July
    assert [slot.start for slot in winter][:2] == [utc(2027, 1, 12, 17), utc(2027, 1, 12, 17, 15)]
    assert [slot.start for slot in summer][:2] == [utc(2027, 7, 13, 16), utc(2027, 7, 13, 16, 15)]
    assert len(winter) == len(summer) == 12
    assert all(slot.end - slot.start == timedelta(minutes=15) for slot in winter + summer)


def test_spring_forward_2027_skips_the_hour_that_never_happens_and_loses_no_real_time():
    rules = Rules(windows=(Window(SUNDAY, time(1), time(4)),), notice=timedelta(0))
    slots = offered(rules, utc(2027, 3, 13), days=2)
    walls = [slot.start.astimezone(NEW_YORK).strftime("%H:%M %Z") for slot in slots]
    assert walls == [
        "01:00 EST", "01:15 EST", "01:30 EST", "01:45 EST",
        "03:00 EDT", "03:15 EDT", "03:30 EDT", "03:45 EDT",
    ]  # fmt: skip
    # Two real hours in the window, two hours of slots, back to back.
    assert slots[4].start == slots[3].end == utc(2027, 3, 14, 7)


def test_fall_back_2027_offers_the_repeated_hour_twice_without_overlap():
    rules = Rules(windows=(Window(SUNDAY, time(0), time(3)),), notice=timedelta(0))
    slots = offered(rules, utc(2027, 11, 6), days=2)
    assert len(slots) == 16  # four real hours between midnight and 03:00 that night
    assert [slot.start for slot in slots] == [
        utc(2027, 11, 7, 4) + i * timedelta(minutes=15) for i in range(16)
    ]
    walls = [slot.start.astimezone(NEW_YORK).strftime("%H:%M %Z") for slot in slots]
    assert walls.count("01:15 EDT") == walls.count("01:15 EST") == 1


def test_fifty_minute_slots_never_overlap_across_the_spring_gap():
    rules = Rules(
        windows=(Window(SUNDAY, time(1), time(6)),), slot=timedelta(minutes=50), notice=timedelta(0)
    )
    slots = offered(rules, utc(2027, 3, 13), days=2)
    assert all(a.end <= b.start for a, b in zip(slots, slots[1:], strict=False))
    assert slots[0].start == local(SPRING_FORWARD, 1).astimezone(UTC)


def test_minimum_notice_hides_a_slot_the_moment_it_is_too_close():
    rules = Rules(windows=(Window(1, time(12), time(13)),))  # 24 hours' notice by default
    monday_noon = local(date(2027, 1, 11), 12).astimezone(UTC)
    assert offered(rules, monday_noon, days=2)[0].start == local(date(2027, 1, 12), 12).astimezone(UTC)
    a_minute_later = offered(rules, monday_noon + MINUTE, days=2)
    assert a_minute_later[0].start == local(date(2027, 1, 12), 12, 15).astimezone(UTC)


def test_the_horizon_ends_the_offer():
    rules = Rules(
        windows=tuple(Window(day, time(9), time(10)) for day in range(7)), horizon=timedelta(days=21)
    )
    now = utc(2027, 1, 4, 12)
    slots = offered(rules, now, days=60)
    assert slots[-1].start < now + timedelta(days=21)
    assert len({local_day(slot.start, NEW_YORK) for slot in slots}) == 20  # tomorrow to day 20


def test_a_booking_and_its_buffers_block_the_times_around_it():
    rules = Rules(
        windows=(Window(1, time(12), time(14)),),
        buffer_before=timedelta(minutes=15),
        buffer_after=timedelta(minutes=15),
        notice=timedelta(0),
    )
    day = date(2027, 1, 12)
    booked = (local(day, 13), local(day, 13, 15))
    walls = [
        s.start.astimezone(NEW_YORK).strftime("%H:%M") for s in offered(rules, utc(2027, 1, 11), 2, [booked])
    ]
    # Each call keeps 15 minutes clear before and after it: 30 minutes between two calls.
    assert walls == ["12:00", "12:15", "13:45"]


def test_the_daily_cap_closes_a_day_once_it_holds_that_many_bookings():
    rules = Rules(windows=(Window(1, time(12), time(14)), Window(2, time(12), time(13))), daily_cap=1)
    tuesday = date(2027, 1, 12)
    booked = (local(tuesday, 12), local(tuesday, 12, 15))
    slots = offered(rules, utc(2027, 1, 10), days=4, busy=[booked])
    assert {local_day(slot.start, NEW_YORK) for slot in slots} == {date(2027, 1, 13)}


def test_an_exception_removes_exactly_its_range():
    rules = Rules(windows=(Window(1, time(12), time(14)),), notice=timedelta(0))
    day = date(2027, 1, 12)
    time_off = (local(day, 12, 30), local(day, 13, 10))
    slots = offered(Rules(**{**rules.__dict__, "exceptions": (time_off,)}), utc(2027, 1, 11), 2)
    walls = [slot.start.astimezone(NEW_YORK).strftime("%H:%M") for slot in slots]
    assert walls == ["12:00", "12:15", "13:15", "13:30", "13:45"]


# -- Properties: across both 2026 and 2027 changes, for any windows Hypothesis picks ---------

TRANSITIONS = [date(2026, 3, 8), date(2026, 11, 1), SPRING_FORWARD, FALL_BACK]
SLOT_MINUTES = [10, 15, 20, 30, 45, 50, 60]


@st.composite
def weekly_windows(draw, step_minutes):
    """Up to three windows per weekday, not overlapping, on multiples of the slot length."""
    windows = []
    for weekday in draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)):
        edges = sorted(draw(st.sets(st.integers(0, (24 * 60 - 1) // step_minutes), min_size=2, max_size=6)))
        for start, end in zip(edges[::2], edges[1::2], strict=False):
            start_minutes, end_minutes = start * step_minutes, end * step_minutes
            windows.append(Window(weekday, time(*divmod(start_minutes, 60)), time(*divmod(end_minutes, 60))))
    return tuple(windows)


@st.composite
def around_a_change(draw):
    """An instant within three days before a daylight saving change in New York."""
    day = draw(st.sampled_from(TRANSITIONS))
    hours = draw(st.integers(0, 72))
    return datetime.combine(day, time(0), tzinfo=UTC) - timedelta(hours=hours)


@st.composite
def host_rules(draw, plain=False):
    step = draw(st.sampled_from(SLOT_MINUTES))
    windows = draw(weekly_windows(step))
    if plain:
        return Rules(
            windows=windows, slot=timedelta(minutes=step), notice=timedelta(0), horizon=timedelta(days=6)
        )
    minutes = st.integers(0, 45).map(lambda m: timedelta(minutes=m))
    return Rules(
        windows=windows,
        slot=timedelta(minutes=step),
        buffer_before=draw(minutes),
        buffer_after=draw(minutes),
        notice=draw(st.integers(0, 48).map(lambda h: timedelta(hours=h))),
        horizon=draw(st.integers(1, 6).map(lambda d: timedelta(days=d))),
        daily_cap=draw(st.none() | st.integers(1, 4)),
    )


def wall_minutes(instant):
    value = instant.astimezone(NEW_YORK)
    return value.date(), value.hour * 60 + value.minute


def in_a_window(rules, instant):
    """Whether the practice's clock at `instant` reads inside one of that weekday's windows."""
    day, minutes = wall_minutes(instant)
    for window in rules.windows:
        low = window.start.hour * 60 + window.start.minute
        high = window.end.hour * 60 + window.end.minute
        if window.weekday == day.weekday() and low <= minutes < high:
            return True
    return False


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(rules=host_rules(), now=around_a_change())
def test_every_slot_lies_in_a_window_after_the_notice_before_the_horizon_and_none_overlap(rules, now):
    slots = offered(rules, now, days=7)
    assert slots == sorted(slots)
    assert all(a.end <= b.start for a, b in zip(slots, slots[1:], strict=False))
    for slot in slots:
        assert now + rules.notice <= slot.start < now + rules.horizon
        assert slot.end - slot.start == rules.slot
        assert in_a_window(rules, slot.start)
        assert in_a_window(rules, slot.end - MINUTE)
        assert wall_minutes(slot.start)[0] == wall_minutes(slot.end - MINUTE)[0]


@PROPERTY_SETTINGS
@given(rules=host_rules(plain=True), now=around_a_change())
def test_with_hour_dividing_slots_every_real_minute_inside_a_window_is_offered_exactly_once(rules, now):
    """Nothing lost and nothing doubled: for slot lengths that divide an hour, the slots tile
    exactly the real minutes whose wall-clock time is inside a window, DST nights included."""
    if 60 % int(rules.slot.total_seconds() // 60):
        return
    slots = offered(rules, now, days=7)
    covered = set()
    for slot in slots:
        minute = slot.start
        while minute < slot.end:
            assert minute not in covered
            covered.add(minute)
            minute += MINUTE
    # Every real minute from the first local midnight after `now` to the horizon's last full day.
    first = datetime.combine(local_day(now, NEW_YORK) + timedelta(days=1), time(0), tzinfo=NEW_YORK)
    last = datetime.combine(local_day(now + rules.horizon, NEW_YORK), time(0), tzinfo=NEW_YORK)
    minute = first.astimezone(UTC)
    while minute < last.astimezone(UTC):
        assert (minute in covered) == in_a_window(rules, minute), minute.astimezone(NEW_YORK)
        minute += MINUTE


@PROPERTY_SETTINGS
@given(rules=host_rules(), now=around_a_change(), data=st.data())
def test_exceptions_remove_exactly_the_slots_they_touch(rules, now, data):
    without = offered(rules, now, days=7)
    starts = st.integers(0, 7 * 24 * 60).map(lambda m: now + timedelta(minutes=m))
    lengths = st.integers(1, 26 * 60).map(lambda m: timedelta(minutes=m))
    ranges = data.draw(st.lists(st.tuples(starts, lengths).map(lambda p: (p[0], p[0] + p[1])), max_size=3))
    with_time_off = offered(Rules(**{**rules.__dict__, "exceptions": tuple(ranges)}), now, days=7)
    touches = [s for s in without if any(s.start < end and start < s.end for start, end in ranges)]
    assert with_time_off == [slot for slot in without if slot not in touches]


@PROPERTY_SETTINGS
@given(rules=host_rules(), now=around_a_change(), data=st.data())
def test_booking_offered_times_one_by_one_never_double_books_and_keeps_the_cap(rules, now, data):
    busy = []
    for _ in range(6):
        slots = offered(rules, now, days=7, busy=busy)
        if not slots:
            break
        chosen = data.draw(st.sampled_from(slots))
        busy.append((chosen.start, chosen.end))
    spans = sorted((start - rules.buffer_before, end + rules.buffer_after) for start, end in busy)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    if rules.daily_cap is not None:
        per_day = {}
        for start, _ in busy:
            per_day[local_day(start, NEW_YORK)] = per_day.get(local_day(start, NEW_YORK), 0) + 1
        assert max(per_day.values(), default=0) <= rules.daily_cap


def test_window_slots_of_a_day_without_windows_is_empty():
    assert window_slots(Rules(windows=(Window(0, time(9), time(10)),)), SPRING_FORWARD, NEW_YORK) == []
