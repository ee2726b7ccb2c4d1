"""No double booking, ever: the database holds a time, `book` re-checks it at submit time."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from booking.models import Booking
from booking.services import SlotTaken, book, free_times, is_offered
from tests.booking.conftest import MONDAY, host_with_hours, waiting_for_the_lock

TUESDAY_NOON = datetime(2027, 1, 12, 17, tzinfo=UTC)  # 12:00 Eastern Time


@pytest.fixture
def host(db, django_user_model):
    return host_with_hours(user=django_user_model.objects.create_user("coordinator"))


def test_a_booked_time_is_no_longer_offered_and_cannot_be_booked_again(host):
    booking = book(host=host, start=TUESDAY_NOON, now=MONDAY)
    assert (booking.starts_at, booking.ends_at) == (TUESDAY_NOON, TUESDAY_NOON + timedelta(minutes=15))
    assert TUESDAY_NOON not in [slot.start for slot in free_times(now=MONDAY)]
    with pytest.raises(SlotTaken):
        book(host=host, start=TUESDAY_NOON, now=MONDAY)
    assert Booking.objects.live().count() == 1


def test_a_time_past_the_minimum_notice_at_submit_time_is_refused(host):
    """A visitor who left the form open overnight: the time was offered then, not now."""
    too_late = TUESDAY_NOON - timedelta(hours=24) + timedelta(seconds=1)
    with pytest.raises(SlotTaken):
        book(host=host, start=TUESDAY_NOON, now=too_late)
    assert not Booking.objects.exists()


def test_a_time_never_offered_is_refused(host):
    with pytest.raises(SlotTaken):
        book(host=host, start=TUESDAY_NOON + timedelta(minutes=5), now=MONDAY)


def test_a_day_at_its_daily_cap_takes_no_more_bookings_at_submit_time(host):
    """A page left open shows a time of a day that has since filled up: the cap counts every
    booking of the day, not only those next to the chosen time."""
    host.daily_cap = 1
    host.save()
    book(host=host, start=TUESDAY_NOON, now=MONDAY)
    with pytest.raises(SlotTaken):
        book(host=host, start=TUESDAY_NOON + timedelta(minutes=45), now=MONDAY)
    assert Booking.objects.live().count() == 1


def test_a_time_within_a_calls_buffer_is_refused_at_submit_time(host):
    """A page left open shows a time next to a call booked since: the buffers still apply."""
    host.buffer_after_minutes = 15
    host.save()
    book(host=host, start=TUESDAY_NOON, now=MONDAY)
    with pytest.raises(SlotTaken):
        book(host=host, start=TUESDAY_NOON + timedelta(minutes=15), now=MONDAY)
    assert book(host=host, start=TUESDAY_NOON + timedelta(minutes=30), now=MONDAY)


def booking_rows_read(action):
    """How many bookings `action()` reads (its queries of bookings, run again afterwards)."""
    statements = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT") and 'FROM "booking_booking"' in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = action()
    with connection.cursor() as cursor:
        rows = 0
        for sql, params in statements:
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return result, rows


def test_checking_a_time_reads_only_the_calls_that_could_block_it(host):
    """Without a daily cap only calls meeting the chosen time (with the buffers) can keep it from
    being offered, so a booking post reads those, however full the day is (a full day's every
    call cost each post of the bench up to a millisecond of CPU)."""
    for minutes in (0, 15, 30):
        book(host=host, start=TUESDAY_NOON + timedelta(minutes=minutes), now=MONDAY)
    offered, rows = booking_rows_read(
        lambda: is_offered(host, TUESDAY_NOON + timedelta(minutes=45), now=MONDAY)
    )
    assert offered and rows == 0
    host.buffer_before_minutes = 5
    host.save()
    offered, rows = booking_rows_read(
        lambda: is_offered(host, TUESDAY_NOON + timedelta(minutes=45), now=MONDAY)
    )
    assert not offered and rows == 1  # the 12:30 call ends at 12:45, within 12:45's buffer


def test_a_cancelled_call_frees_its_time(host):
    booking = book(host=host, start=TUESDAY_NOON, now=MONDAY)
    booking.status = Booking.Status.CANCELLED
    booking.save()
    assert book(host=host, start=TUESDAY_NOON, now=MONDAY).status == Booking.Status.LIVE


def test_the_database_refuses_two_live_bookings_of_one_host_at_one_start(host):
    end = TUESDAY_NOON + timedelta(minutes=15)
    Booking.objects.create(host=host, starts_at=TUESDAY_NOON, ends_at=end, status=Booking.Status.MOVED)
    Booking.objects.create(host=host, starts_at=TUESDAY_NOON, ends_at=end)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(host=host, starts_at=TUESDAY_NOON, ends_at=end)


def test_a_taken_time_leaves_the_callers_own_writes_in_place(host, django_user_model):
    """`book` inside the caller's transaction: the enquiry saved before it is kept on SlotTaken."""
    book(host=host, start=TUESDAY_NOON, now=MONDAY)
    with transaction.atomic():
        django_user_model.objects.create_user("saved-first")
        with pytest.raises(SlotTaken):
            book(host=host, start=TUESDAY_NOON, now=MONDAY)
    assert django_user_model.objects.filter(username="saved-first").exists()


PARALLEL = 16


@pytest.mark.django_db(transaction=True)
def test_many_parallel_bookings_of_one_time_make_exactly_one(django_user_model):
    """Threads on their own connections to the database this run uses (SQLite or PostgreSQL)."""
    host = host_with_hours(user=django_user_model.objects.create_user("coordinator"))
    barrier = threading.Barrier(PARALLEL)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            outcomes.append(book_waiting_for_the_lock())
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            outcomes.append(repr(error))
        finally:
            connection.close()

    def book_waiting_for_the_lock():
        try:
            waiting_for_the_lock(lambda: book(host=host, start=TUESDAY_NOON, now=MONDAY))
            return "booked"
        except SlotTaken:
            return "taken"

    threads = [threading.Thread(target=attempt) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + ["taken"] * (PARALLEL - 1)
    assert Booking.objects.filter(host=host, starts_at=TUESDAY_NOON).count() == 1
