"""The reminder of a booked call (issue 22): asked for on the request, sent by email REMINDER_BEFORE
the call through the notifications' one policy (claimed once, a killed sender reclaimed), by
its queued task or, when that task is lost, by the worker's catch-up; never for a cancelled
call, and once, of the new time, for a moved one."""

from datetime import time, timedelta

import pytest
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from booking.models import REMINDER_BEFORE, Booking, ConsultationHost, WeeklyWindow
from booking.services import cancel, free_times, move
from contact import services
from contact.call_emails import call_time_display
from contact.forms import ConsultationRequestForm
from contact.management.commands import task_worker
from contact.models import Submission
from contact.notifications import (
    notification_claim,
    notification_deliver,
    notifications_reclaim,
    notifications_resend,
    reminders_catch_up,
)
from siteplatform.apps import app_contributions
from tests.contact.factories import ConsultationRequestFactory, intake_post_data

pytestmark = pytest.mark.django_db

State = Submission.NotificationState
DELIVER = "contact.notifications.notification_deliver"


@pytest.fixture
def host(db, django_user_model):
    """The intake coordinator, taking calls around the clock with no minimum notice."""
    host = ConsultationHost.objects.create(
        user=django_user_model.objects.create_user("coordinator"), minimum_notice_hours=0
    )
    for weekday in range(7):
        WeeklyWindow.objects.create(host=host, weekday=weekday, starts_at=time(0), ends_at=time(23, 45))
    return host


def in_hours(hours):
    """A quarter hour about `hours` from now (a time on every host's grid)."""
    instant = timezone.now() + timedelta(hours=hours)
    return instant.replace(minute=instant.minute // 15 * 15, second=0, microsecond=0)


def booked(host, *, hours, reminder=State.PENDING):
    request = ConsultationRequestFactory(
        email="mei.private@example.com",
        email_consent_at=timezone.now(),
        notification_state=State.SENT,
        confirmation_state=State.SENT,
    )
    start = in_hours(hours)
    return Booking.objects.create(
        host=host,
        starts_at=start,
        ends_at=start + timedelta(minutes=15),
        submission=request,
        reminder_state=reminder,
    )


def hours_pass(hours):
    """The clock moves on: every call is that much nearer."""
    shift = timedelta(hours=hours)
    Booking.objects.update(starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift)


def reminders(mailoutbox):
    return [message for message in mailoutbox if message.subject.startswith("Reminder:")]


def submit(**answers):
    form = ConsultationRequestForm(data=intake_post_data(**answers))
    assert form.is_valid(), form.errors
    return services.submission_create(form=form, request=RequestFactory().post("/contact/intake/"))


def queued_reminders():
    rows = DBTaskResult.objects.filter(task_path=DELIVER).order_by("run_after")
    return [row for row in rows if row.args_kwargs["kwargs"]["message"] == "reminder"]


# Asking for one -------------------------------------------------------------------------------


def test_a_ticked_reminder_is_queued_for_a_day_before_the_call(host, django_capture_on_commit_callbacks):
    slot = free_times()[-1]
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(
            consultation_time=slot.start.strftime("%Y%m%dT%H%MZ"),
            consent_email="on",
            email_reminder="on",
        )
    booking = Booking.objects.get(submission=request)
    assert booking.reminder_state == State.PENDING
    [task] = queued_reminders()
    assert task.args_kwargs["kwargs"] == {"message": "reminder", "submission_id": request.pk}
    assert task.run_after == slot.start - REMINDER_BEFORE == slot.start - timedelta(hours=24)


def test_without_the_box_ticked_no_reminder_is_due(host, django_capture_on_commit_callbacks):
    slot = free_times()[-1]
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(consultation_time=slot.start.strftime("%Y%m%dT%H%MZ"), consent_email="on")
    assert Booking.objects.get(submission=request).reminder_state == ""
    assert queued_reminders() == []


def test_a_reminder_needs_permission_to_email(host):
    slot = free_times()[-1]
    form = ConsultationRequestForm(
        data=intake_post_data(consultation_time=slot.start.strftime("%Y%m%dT%H%MZ"), email_reminder="on")
    )
    assert not form.is_valid()
    assert form.errors["email_reminder"] == [
        "For a reminder, add your email address and check that we may email you (or uncheck this box)."
    ]


def test_the_form_offers_the_reminder_with_the_time_picker(client, host, site_tree):
    html = client.get("/contact/intake/").content.decode()
    picker = html[html.index('id="consultation-times"') : html.index('<details class="form-more"')]
    assert '<input type="checkbox" name="email_reminder"' in picker
    assert "Email me a reminder the day before" in picker


# When it goes out ------------------------------------------------------------------------------


def test_a_reminder_waits_until_a_day_before_the_call(host, mailoutbox):
    booking = booked(host, hours=30)
    assert notification_deliver.call("reminder", booking.submission_id) is False
    assert reminders_catch_up() == 0 and notifications_resend() == (0, 0)
    assert reminders(mailoutbox) == []
    hours_pass(7)
    assert notification_deliver.call("reminder", booking.submission_id) is True
    [reminder] = reminders(mailoutbox)
    booking.refresh_from_db()
    assert booking.reminder_state == State.SENT


def test_a_lost_reminder_task_is_sent_by_the_workers_catch_up(host, mailoutbox, monkeypatch):
    """The queue lost the task (or a restarted worker started from an empty one): the worker's
    periodic job, which also runs at its start, sends the reminder."""
    monkeypatch.setattr(task_worker, "close_old_connections", lambda: None)  # keeps the test's transaction
    booking = booked(host, hours=20)
    jobs = task_worker.WorkerJobs(app_contributions("worker_jobs"))
    assert "contact.notifications.reminders_catch_up" in jobs.run_due()
    assert len(reminders(mailoutbox)) == 1
    assert reminders_catch_up() == 0  # once
    assert Booking.objects.get(pk=booking.pk).reminder_state == State.SENT


def test_no_reminder_for_a_call_that_has_begun(host, mailoutbox):
    booked(host, hours=20)
    hours_pass(21)
    assert reminders_catch_up() == 0 and reminders(mailoutbox) == []


# Exactly once ----------------------------------------------------------------------------------


def test_two_senders_claim_a_reminder_once(host):
    booking = booked(host, hours=20)
    assert notification_claim(message="reminder", submission_id=booking.submission_id) is not None
    assert notification_claim(message="reminder", submission_id=booking.submission_id) is None
    booking.refresh_from_db()
    assert booking.reminder_state == State.SENDING and booking.reminder_claimed_at is not None


def test_a_killed_reminder_sender_is_reclaimed_and_the_reminder_sent_once(host, mailoutbox, settings, caplog):
    settings.CONTACT_NOTIFY_STALE_SECONDS = 600
    crashed = booked(host, hours=20)
    busy = booked(host, hours=21)
    Booking.objects.filter(pk=crashed.pk).update(
        reminder_state=State.SENDING, reminder_claimed_at=timezone.now() - timedelta(minutes=11)
    )
    Booking.objects.filter(pk=busy.pk).update(
        reminder_state=State.SENDING, reminder_claimed_at=timezone.now() - timedelta(minutes=2)
    )
    assert notifications_reclaim.call() == 1
    assert [message.to for message in reminders(mailoutbox)] == [["mei.private@example.com"]]
    assert Booking.objects.get(pk=crashed.pk).reminder_state == State.SENT
    assert Booking.objects.get(pk=busy.pk).reminder_state == State.SENDING
    assert f"Call reminder for submission #{crashed.submission_id} was claimed" in caplog.text
    assert notifications_reclaim.call() == 0 and reminders_catch_up() == 0
    assert len(reminders(mailoutbox)) == 1


def test_a_failed_reminder_is_retried_with_the_same_policy(host, mailoutbox, settings):
    from livesite import unreachable_mailers

    booking = booked(host, hours=20)
    settings.MAILERS = unreachable_mailers()
    assert notification_deliver.call("reminder", booking.submission_id) is False
    booking.refresh_from_db()
    assert (booking.reminder_state, booking.reminder_attempts) == (State.FAILED, 1)
    assert booking.reminder_retry_at is not None and len(queued_reminders()) == 1
    assert reminders_catch_up() == 0  # a failed reminder is left to its retry


# Cancelled and moved calls ----------------------------------------------------------------------


def test_a_cancelled_call_sends_no_reminder(host, mailoutbox):
    booking = booked(host, hours=20)
    cancel(booking)
    assert notification_deliver.call("reminder", booking.submission_id) is False
    assert reminders_catch_up() == 1  # the notice that the call is cancelled, not a reminder
    assert notifications_resend() == (0, 0)
    assert [message.subject.split(":")[0] for message in mailoutbox] == ["Cancelled"]


def test_a_moved_call_reminds_once_of_the_new_time(host, mailoutbox):
    booking = booked(host, hours=30)
    moved = move(booking, start=in_hours(40))
    assert moved.reminder_state == State.PENDING
    hours_pass(7)  # the old time's reminder would be due now
    assert notification_deliver.call("reminder", booking.submission_id) is False
    assert reminders_catch_up() == 1  # the notice of the move, not a reminder
    assert reminders(mailoutbox) == []
    hours_pass(10)  # the new time's is
    assert reminders_catch_up() == 1
    [reminder] = reminders(mailoutbox)
    assert reminder.subject == f"Reminder: your call on {call_time_display(Booking.objects.get(pk=moved.pk))}"
    assert reminders_catch_up() == 0 and notification_deliver.call("reminder", booking.submission_id) is True
    assert len(reminders(mailoutbox)) == 1
