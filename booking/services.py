"""The booking's actions: which times are free now, booking one, cancelling, moving it and
recording that nobody answered; and each host's calendar feed address.

A time is held by the database, not by a view: `book` re-checks that the time is still offered
(minimum notice at submit time included) and lets the unique constraint on live bookings decide
between two people who chose the same time at once.
"""

import secrets
from collections import defaultdict
from datetime import datetime, time, timedelta
from functools import partial
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.log_actions import log

from booking.clock import PRACTICE_ZONE
from booking.models import REMINDER_BEFORE, AvailabilityException, Booking, ConsultationHost, WeeklyWindow
from booking.signals import call_changed
from booking.slots import Rules, Window, free_slots, local_day

ONE_DAY = timedelta(days=1)


class SlotTaken(Exception):
    """The time is no longer offered: booked by someone else, or too soon now."""


class BookingChanged(Exception):
    """The call is no longer booked as the page showed it: cancelled, or moved elsewhere."""


class CallNotDue(Exception):
    """The call's time has not come yet: it cannot have gone unanswered."""


class HostSlot(NamedTuple):
    """A free time of one host (ordered by start, then end, then host)."""

    start: datetime
    end: datetime
    host_id: int


def free_times(hosts=None, *, start=None, end=None, now=None):
    """Free times of `hosts` (default: every host offering times) starting in [start, end),
    soonest first. Costs the same few queries for 1 host or 50 (one for all their bookings)."""
    now = now or timezone.now()
    hosts = list(ConsultationHost.objects.offering() if hosts is None else hosts)
    if not hosts:
        return []
    start = start or now
    end = end or now + max(timedelta(days=host.horizon_days) for host in hosts)
    # Bookings that could block a slot in range through a buffer lie a little outside it.
    margin = timedelta(minutes=max(host.buffer_before_minutes + host.buffer_after_minutes for host in hosts))
    busy = Booking.objects.busy_by_host(hosts, start - margin, end + margin)
    found = []
    for host in hosts:
        if not host.offers_slots:
            continue
        slots = free_slots(
            host.rules(PRACTICE_ZONE), now=now, start=start, end=end, busy=busy[host.pk], zone=PRACTICE_ZONE
        )
        found.extend(HostSlot(slot.start, slot.end, host.pk) for slot in slots)
    return sorted(found)


def is_offered(host, start, *, now=None, rules=None):
    """Whether `host`'s rules offer a call starting at `start` at `now`: a slot of its hours,
    past the notice and within the horizon, clear of its time off and of its bookings (with the
    buffers), on a day under its cap. One query (its bookings that could block it) with `rules` given
    (see hosts_free_at), three without. Whether the host offers times at all is `book`'s check."""
    rules = rules or host.rules(PRACTICE_ZONE)
    busy = _busy_around([host], start)
    return _offers(rules, start, busy[host.pk], now or timezone.now())


def _offers(rules, start, busy, now):
    slots = free_slots(rules, now=now, start=start, end=start + rules.slot, busy=busy, zone=PRACTICE_ZONE)
    return any(slot.start == start for slot in slots)


def _day_of(start):
    """The practice's day of `start`: the date, and its first and last instants (aware)."""
    day = local_day(start, PRACTICE_ZONE)
    first = datetime.combine(day, time(0), tzinfo=PRACTICE_ZONE)
    return day, first, datetime.combine(day + ONE_DAY, time(0), tzinfo=PRACTICE_ZONE)


def _busy_around(hosts, start):
    """{host pk: [(start, end), ...]}: the bookings of `hosts` that could keep `start` from
    being offered: those meeting a call then through a buffer, and when a host has a daily cap,
    which counts them all, every one of its day. One query: without a cap, a few rows however
    full the day is."""
    margin = timedelta(
        minutes=max((host.buffer_before_minutes + host.buffer_after_minutes for host in hosts), default=0)
    )
    if any(host.daily_cap is not None for host in hosts):
        _day, first, last = _day_of(start)
    else:
        first, last = start, start + timedelta(minutes=max((host.slot_minutes for host in hosts), default=0))
    return Booking.objects.busy_by_host(hosts, first - margin, last + margin)


def _rules_on_the_day(hosts, start):
    """{host pk: Rules} of `hosts` for the day of `start` only: that weekday's hours and the
    time off near that day, in two queries of plain rows however many hosts there are
    (prefetching every window and exception of each host cost more than checking the time)."""
    day, _first, _last = _day_of(start)
    ids = [host.pk for host in hosts]
    windows, spans = defaultdict(list), defaultdict(list)
    rows = WeeklyWindow.objects.filter(host__in=ids, weekday=day.weekday()).values_list(
        "host_id", "weekday", "starts_at", "ends_at"
    )
    for host_id, weekday, starts_at, ends_at in rows:
        windows[host_id].append(Window(weekday, starts_at, ends_at))
    near = AvailabilityException.objects.filter(host__in=ids, starts_on__lte=day + ONE_DAY).filter(
        Q(ends_on__gte=day - ONE_DAY) | Q(ends_on__isnull=True, starts_on__gte=day - ONE_DAY)
    )
    for exception in near:
        spans[exception.host_id].append(exception.span(PRACTICE_ZONE))
    return {
        host.pk: host.rules(PRACTICE_ZONE, windows=windows[host.pk], exceptions=spans[host.pk])
        for host in hosts
    }


def book(*, host, start, submission=None, reminder=False, now=None, rules=None):
    """Books `host` at `start` for `submission` (an enquiry, or None) and returns the Booking;
    with `reminder`, one is due REMINDER_BEFORE the call (none for a call sooner than that).

    Raises SlotTaken when the time is no longer offered or another live booking holds it. Run it
    inside the caller's transaction to save the enquiry and its booking together: on SlotTaken
    the caller's own writes are untouched (the attempt runs in a savepoint).

    `rules`: the host's hours and time off as the caller read them (hosts_free_at), else read
    here. Whether the host still offers times and the bookings that decide the time are read
    under the host's lock: three queries in all with `rules`.
    """
    with transaction.atomic():
        # One booking per host at a time past this point on PostgreSQL (SQLite writes one at a
        # time anyway), so buffers and the daily cap are checked against committed bookings.
        still_open = (
            ConsultationHost.objects.open()
            .select_for_update(of=("self",))
            .filter(pk=host.pk)
            .values_list("pk")
        )
        if not still_open or not is_offered(host, start, now=now, rules=rules):
            raise SlotTaken
        remind = reminder and start - (now or timezone.now()) > REMINDER_BEFORE
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    host=host,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=host.slot_minutes),
                    submission=submission,
                    reminder_state="pending" if remind else "",
                )
        except IntegrityError as error:
            raise SlotTaken from error


def hosts_for(clinician_slug=None):
    """The hosts a visitor may book: the chosen clinician's (by her page's slug), or everyone's."""
    hosts = ConsultationHost.objects.offering()
    return hosts.filter(clinician__slug=clinician_slug) if clinician_slug else hosts


class FreeHost(NamedTuple):
    """A host free at a time, with the rules of that day it was found free by."""

    host: ConsultationHost
    rules: Rules


def hosts_free_at(start, hosts=None, *, now=None):
    """The hosts of `hosts` (default: every host offering times) free at `start` now, in their
    order, as FreeHosts. From a queryset, four queries however many hosts there are: the hosts
    (which offer times is asked in SQL), that weekday's hours, time off near that day, and the
    day's bookings; from a list of hosts already read, their rules as read and one query for the
    bookings. A consultation request asks before its write transaction, so a time gone meanwhile
    costs no write, and `book_first_free` books with the rules read here."""
    now = now or timezone.now()
    if hosts is None:
        hosts = ConsultationHost.objects.order_by("pk")
    if isinstance(hosts, QuerySet):
        # Whether each offers times is asked in SQL: the host rows alone, without the
        # clinician's page (every column of it) or the staff member's user.
        hosts = list(hosts.open().select_related(None).prefetch_related(None))
        rules = _rules_on_the_day(hosts, start)
    else:
        hosts = [host for host in hosts if host.offers_slots]
        rules = {host.pk: host.rules(PRACTICE_ZONE) for host in hosts}
    busy = _busy_around(hosts, start)
    return [
        FreeHost(host, rules[host.pk]) for host in hosts if _offers(rules[host.pk], start, busy[host.pk], now)
    ]


def book_first_free(*, start, hosts, submission=None, reminder=False, now=None):
    """Books the first of `hosts` (FreeHosts, as hosts_free_at found them) still free at `start`
    (each checked again under its lock, see `book`) for `submission`, with a reminder as `book`
    says: usually the first, in three queries. Raises SlotTaken when none is free any more."""
    for host, rules in hosts:
        try:
            return book(
                host=host, start=start, submission=submission, reminder=reminder, now=now, rules=rules
            )
        except SlotTaken:
            continue
    raise SlotTaken


def _log_on_enquiry(booking, action, *, by, data=None):
    """Logs `action` in the history of the booking's enquiry (titled "Kind #pk": no name)."""
    if booking.submission_id is None:
        return
    enquiry_model = Booking._meta.get_field("submission").related_model
    row = enquiry_model.objects.only("pk", "kind").get(pk=booking.submission_id)
    log(instance=row, action=action, user=by, data={"booking": booking.pk, **(data or {})})


def _notice_due(booking):
    """Marks the client's notice of this change due (an enquiry's call only) and, once it is
    committed, tells `call_changed` receivers (contact sends the notice)."""
    if booking.submission_id is None:
        return
    Booking.objects.filter(pk=booking.pk).update(notice_state="pending")
    booking.notice_state = "pending"
    transaction.on_commit(partial(call_changed.send_robust, sender=Booking, booking=booking))


def cancel(booking, *, by=None, now=None):
    """Cancels `booking` (no reason asked) and frees its time. Returns False when it was no
    longer booked (a second click, or a call already moved), changing nothing."""
    with transaction.atomic():
        updated = Booking.objects.live().filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
        if updated:
            booking.status = Booking.Status.CANCELLED
            _log_on_enquiry(booking, "booking.cancelled", by=by)
            _notice_due(booking)
    return bool(updated)


def move(booking, *, start, by=None, now=None):
    """Moves `booking` to `start` with the same host and returns the live booking.

    One booking, never two and never none: in one transaction the old booking is locked and
    marked moved, and the new one is booked; if the new time is gone (SlotTaken) nothing changes.
    A second request for the same move (a double click, a stale page) returns the moved call;
    a move of a call no longer booked otherwise raises BookingChanged. A reminder asked for
    comes with the call: due again for the new time, whether or not the old one was sent.
    """
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status != Booking.Status.LIVE:
            successor = Booking.objects.live().filter(submission_id=current.submission_id).first()
            if current.submission_id and successor and successor.starts_at == start:
                return successor
            raise BookingChanged
        if current.starts_at == start:
            return current
        Booking.objects.filter(pk=current.pk).update(status=Booking.Status.MOVED)
        moved = book(
            host=current.host,
            start=start,
            submission=current.submission,
            reminder=bool(current.reminder_state),
            now=now,
        )
        _log_on_enquiry(moved, "booking.moved", by=by, data={"from": current.starts_at.isoformat()})
        _notice_due(moved)
        return moved


def mark_no_answer(booking, *, by=None, now=None):
    """Records that nobody answered the call, once its time has come: the call is over, and its
    time stays taken (never offered again). Returns False when it was no longer booked (a second
    click, a call cancelled or moved meanwhile), changing nothing. Raises CallNotDue before the
    call starts."""
    now = now or timezone.now()
    if now < booking.starts_at:
        raise CallNotDue
    with transaction.atomic():
        updated = Booking.objects.live().filter(pk=booking.pk).update(status=Booking.Status.NO_ANSWER)
        if updated:
            booking.status = Booking.Status.NO_ANSWER
            _log_on_enquiry(booking, "booking.no_answer", by=by)
    return bool(updated)


def new_feed_token():
    """A long random secret for a calendar feed address (256 bits, URL-safe: 43 characters)."""
    return secrets.token_urlsafe(32)


def feed_token_ensure(host):
    """The host's calendar feed token, made now if the host has none (two staff asking at once
    get the same one)."""
    if not host.feed_token:
        ConsultationHost.objects.filter(pk=host.pk, feed_token=None).update(feed_token=new_feed_token())
        host.feed_token = ConsultationHost.objects.values_list("feed_token", flat=True).get(pk=host.pk)
    return host.feed_token


def feed_token_reset(host, *, by=None):
    """Gives the host a new feed address; the old one answers 404 from now on (a calendar app
    subscribed to it keeps its last copy and gets nothing new). Logged on the host, by whom."""
    with transaction.atomic():
        host.feed_token = new_feed_token()
        ConsultationHost.objects.filter(pk=host.pk).update(feed_token=host.feed_token)
        log(instance=host, action="booking.feed_reset", user=by)
    return host.feed_token
