"""The booking's actions: which times are free now, booking one, cancelling, moving it and
recording that nobody answered; and each host's calendar feed address.

A time is held by the database, not by a view: `book` re-checks that the time is still offered
(minimum notice at submit time included) and lets the unique constraint on live bookings decide
between two people who chose the same time at once.
"""

import secrets
from datetime import datetime, timedelta
from functools import partial
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from booking.clock import PRACTICE_ZONE
from booking.models import REMINDER_BEFORE, Booking, ConsultationHost
from booking.signals import call_changed
from booking.slots import free_slots


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


def is_offered(host, start, *, now=None):
    """Whether `host` offers a call starting at `start` (an aware datetime) at `now`."""
    window_end = start + timedelta(minutes=host.slot_minutes)
    return any(slot.start == start for slot in free_times([host], start=start, end=window_end, now=now))


def book(*, host, start, submission=None, reminder=False, now=None):
    """Books `host` at `start` for `submission` (an enquiry, or None) and returns the Booking;
    with `reminder`, one is due REMINDER_BEFORE the call (none for a call sooner than that).

    Raises SlotTaken when the time is no longer offered or another live booking holds it. Run it
    inside the caller's transaction to save the enquiry and its booking together: on SlotTaken
    the caller's own writes are untouched (the attempt runs in a savepoint).
    """
    with transaction.atomic():
        # One booking per host at a time past this point on PostgreSQL (SQLite writes one at a
        # time anyway), so buffers and the daily cap are checked against committed bookings.
        locked = ConsultationHost.objects.select_for_update().filter(pk=host.pk).values_list("pk", flat=True)
        host = ConsultationHost.objects.offering().filter(pk__in=list(locked)).first()
        if host is None or not is_offered(host, start, now=now):
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


def book_chosen_time(*, start, submission=None, hosts=None, reminder=False, now=None):
    """Books the first of `hosts` (default: every host offering times) free at `start`, for the
    consultation request `submission` (with a reminder, see `book`). Raises SlotTaken when none
    is free at `start` any more."""
    hosts = list(ConsultationHost.objects.offering() if hosts is None else hosts)
    longest = timedelta(minutes=max((host.slot_minutes for host in hosts), default=0))
    free_hosts = [
        slot.host_id
        for slot in free_times(hosts, start=start, end=start + longest, now=now)
        if slot.start == start
    ]
    for host in hosts:
        if host.pk in free_hosts:
            try:
                return book(host=host, start=start, submission=submission, reminder=reminder, now=now)
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
