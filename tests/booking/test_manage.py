"""Cancelling and moving a booked call: never two live bookings, never none, whoever acts."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry

from booking import links
from booking.models import Booking
from booking.services import BookingChanged, SlotTaken, book, cancel, free_times, move
from contact.models import ConsultationRequest
from tests.booking.conftest import MONDAY, host_with_hours, waiting_for_the_lock

TUESDAY_NOON = datetime(2027, 1, 12, 17, tzinfo=UTC)  # 12:00 Eastern Time
QUARTER = timedelta(minutes=15)


@pytest.fixture
def host(db, django_user_model):
    return host_with_hours(user=django_user_model.objects.create_user("coordinator"))


@pytest.fixture
def enquiry(db):
    return ConsultationRequest.objects.create(preferred_name="Sam", email="sam@example.org")


def test_cancelling_frees_the_time_and_is_logged_on_the_enquiry_without_a_name(host, enquiry):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    assert cancel(booking, now=MONDAY) is True
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    assert TUESDAY_NOON in [slot.start for slot in free_times(now=MONDAY)]
    entry = ModelLogEntry.objects.get(action="booking.cancelled")
    assert entry.object_id == str(enquiry.pk) and "Sam" not in entry.label
    assert cancel(Booking.objects.get(pk=booking.pk), now=MONDAY) is False  # a second click changes nothing


def test_moving_keeps_one_live_booking_at_the_new_time(host, enquiry):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    moved = move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    assert moved.starts_at == TUESDAY_NOON + QUARTER
    assert list(Booking.objects.live().values_list("pk", flat=True)) == [moved.pk]
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.MOVED
    assert TUESDAY_NOON in [slot.start for slot in free_times(now=MONDAY)]
    assert ModelLogEntry.objects.filter(action="booking.moved", object_id=str(enquiry.pk)).count() == 1


def test_a_move_to_a_taken_time_keeps_the_old_booking(host, enquiry, django_user_model):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    book(host=host, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    with pytest.raises(SlotTaken):
        move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.LIVE


def test_moving_a_call_that_is_no_longer_booked_is_refused(host, enquiry):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    cancel(booking, now=MONDAY)
    with pytest.raises(BookingChanged):
        move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    assert not Booking.objects.live().exists()


def test_a_second_click_on_the_same_move_returns_the_moved_call(host, enquiry):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    first = move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    again = move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)  # the stale page's booking
    assert again.pk == first.pk
    assert Booking.objects.live().count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moves_of_one_booking_at_once_leave_exactly_one_booking(django_user_model):
    """Two tabs (or a double click) moving one call to two times, on their own connections."""
    host = host_with_hours(user=django_user_model.objects.create_user("coordinator"))
    enquiry = ConsultationRequest.objects.create(preferred_name="Sam", email="sam@example.org")
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    targets = [TUESDAY_NOON + QUARTER, TUESDAY_NOON + 2 * QUARTER]
    barrier = threading.Barrier(len(targets))
    outcomes = []

    def attempt(start):
        try:
            barrier.wait()
            moved = waiting_for_the_lock(
                lambda: move(Booking.objects.get(pk=booking.pk), start=start, now=MONDAY)
            )
            outcomes.append(moved.starts_at)
        except BookingChanged:
            outcomes.append("changed")
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(start,)) for start in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    live = list(Booking.objects.live().filter(submission=enquiry))
    assert len(live) == 1
    assert live[0].starts_at in targets
    assert sorted(map(str, outcomes)) == sorted(["changed", str(live[0].starts_at)])


def test_the_manage_link_finds_the_enquirys_live_call_until_it_ends(host, enquiry):
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    token = links.manage_token(booking)
    assert str(enquiry.pk) not in token.split(":")[0] or len(token) > 20
    assert links.booking_for_token(token, now=MONDAY) == booking
    moved = move(booking, start=TUESDAY_NOON + QUARTER, now=MONDAY)
    assert links.booking_for_token(token, now=MONDAY) == moved  # the first email's link still works
    with pytest.raises(links.BadLink):
        links.booking_for_token(token, now=moved.ends_at + timedelta(seconds=1))
    with pytest.raises(links.BadLink):
        links.booking_for_token(token[:-2] + "xx", now=MONDAY)
    cancel(moved, now=MONDAY)
    with pytest.raises(links.BadLink):
        links.booking_for_token(token, now=MONDAY)


def test_every_email_of_a_call_carries_the_same_link(host, enquiry, monkeypatch):
    """The confirmation, the reminder and the page after a move name one address for one call,
    whatever second each was written in (a timestamped token changed with the clock)."""
    booking = book(host=host, start=TUESDAY_NOON, submission=enquiry, now=MONDAY)
    first = links.manage_token(booking)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert links.manage_token(booking) == first
