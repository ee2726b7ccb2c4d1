"""contact.notifications: what the emails say, and the one policy that claims, sends, retries
and reclaims them, for the staff notification and the visitor's confirmation alike."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact.models import ContactSettings, Submission
from contact.notifications import (
    notification_claim,
    notification_deliver,
    notifications_reclaim,
    notifications_resend,
)
from livesite import unreachable_mailers
from practice.models import PracticeSettings
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db

State = Submission.NotificationState
PII = ("Priya", "Test-Person", "priya.private@example.com", "UNIQUE-MESSAGE-MARKER", "evening appointments")


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = unreachable_mailers()


def _submission(**fields):
    """A contact message from the shared test data, both emails due."""
    return ContactMessageFactory(
        preferred_name="Priya Test-Person",
        email="priya.private@example.com",
        message="UNIQUE-MESSAGE-MARKER evening appointments",
        confirmation_state=State.PENDING,
        **fields,
    )


def _queued(task_path, **kwargs):
    rows = DBTaskResult.objects.filter(task_path=task_path).order_by("run_after")
    return [row for row in rows if all(row.args_kwargs["kwargs"].get(k) == v for k, v in kwargs.items())]


def _retries(message, submission):
    return _queued("contact.notifications.notification_deliver", message=message, submission_id=submission.pk)


# What the emails say --------------------------------------------------------------------------


def test_notification_names_no_one_and_carries_no_answers(recipients, mailoutbox):
    submission = _submission()
    assert notification_deliver.call("staff", submission.pk) is True
    [message] = mailoutbox
    assert message.subject == f"New contact message #{submission.pk}"
    assert message.to == recipients
    assert f"http://testserver/admin/enquiries/inspect/{submission.pk}/" in message.body
    whole = message.message().as_string()
    for secret in PII:
        assert secret not in whole
    submission.refresh_from_db()
    assert submission.notification_state == State.SENT
    assert submission.notification_attempts == 1 and submission.notification_sent_at


def test_consultation_notification_names_no_service_either(recipients, mailoutbox):
    request = ConsultationRequestFactory(preferred_name="Hidden Person", service_title="Anxiety therapy")
    notification_deliver.call("staff", request.pk)
    assert mailoutbox[0].subject == f"New consultation request #{request.pk}"
    whole = mailoutbox[0].message().as_string()
    assert "Hidden Person" not in whole and "Anxiety" not in whole


def test_details_are_included_only_when_the_practice_opts_in(recipients, mailoutbox):
    contact_settings = ContactSettings.load()
    contact_settings.include_details_in_email = True
    contact_settings.save()
    request = ConsultationRequestFactory(preferred_name="Opted In", service_title="Anxiety therapy")
    notification_deliver.call("staff", request.pk)
    assert "Opted In" in mailoutbox[0].body and "Anxiety therapy" in mailoutbox[0].body
    assert "Sending" not in mailoutbox[0].body  # its own delivery state is not an answer


def test_recipients_fall_back_to_the_practice_address(db, mailoutbox):
    practice = PracticeSettings.load()
    practice.email = "hello@example.org"
    practice.save()
    notification_deliver.call("staff", ContactMessageFactory().pk)
    assert mailoutbox[0].to == ["hello@example.org"]


def test_without_any_recipient_the_notification_stays_visible_as_failed(db, mailoutbox, caplog):
    submission = ContactMessageFactory(preferred_name="Logged Nowhere")
    assert notification_deliver.call("staff", submission.pk) is False
    submission.refresh_from_db()
    assert submission.notification_state == State.FAILED
    assert "No notification recipients" in submission.notification_last_error
    assert not mailoutbox
    assert "No one to notify" in caplog.text
    assert "Logged Nowhere" not in caplog.text


def test_visitor_confirmation_is_generic_and_sent_once(recipients, mailoutbox):
    submission = _submission()
    assert notification_deliver.call("visitor", submission.pk) is True
    [message] = mailoutbox
    assert message.to == ["priya.private@example.com"]
    assert "received your request" in message.body and "988" in message.body
    for secret in ("Priya", "UNIQUE-MESSAGE-MARKER", "evening appointments"):
        assert secret not in message.message().as_string()
    submission.refresh_from_db()
    assert (submission.confirmation_state, submission.confirmation_attempts) == (State.SENT, 1)
    assert notification_deliver.call("visitor", submission.pk) is True  # a stray task finds it done
    assert len(mailoutbox) == 1


def test_no_confirmation_goes_to_a_visitor_who_did_not_ask(recipients, mailoutbox):
    submission = ContactMessageFactory()  # confirmation "not requested"
    assert notification_deliver.call("visitor", submission.pk) is False
    assert notifications_resend() == (1, 0)  # the staff notification only
    assert [m.to for m in mailoutbox] == [recipients]


# Claiming -------------------------------------------------------------------------------------


def test_a_second_claim_of_a_claimed_message_fails():
    submission = _submission()
    assert notification_claim(message="staff", submission_id=submission.pk) is not None
    assert notification_claim(message="staff", submission_id=submission.pk) is None
    # Each email has its own claim.
    assert notification_claim(message="visitor", submission_id=submission.pk) is not None
    submission.refresh_from_db()
    assert (submission.notification_state, submission.confirmation_state) == (State.SENDING, State.SENDING)


def test_sent_and_not_requested_emails_cannot_be_claimed():
    submission = ContactMessageFactory(notification_state=State.SENT)
    assert notification_claim(message="staff", submission_id=submission.pk) is None
    assert notification_claim(message="visitor", submission_id=submission.pk) is None


def test_resend_leaves_an_email_another_sender_is_sending_to_it(recipients, mailoutbox):
    """The worker has claimed #1 and is talking to the mail server: resend must not send it too."""
    busy = _submission()
    waiting = ContactMessageFactory()
    notification_claim(message="staff", submission_id=busy.pk)
    assert notifications_resend() == (2, 0)  # busy's confirmation and waiting's notification
    assert sorted(m.subject for m in mailoutbox if m.to == recipients) == [
        f"New contact message #{waiting.pk}"
    ]
    assert Submission.objects.get(pk=busy.pk).notification_state == State.SENDING
    assert notification_deliver.call("staff", busy.pk) is False  # nor does a second worker task
    assert len(mailoutbox) == 2


def test_every_claim_queues_a_check_for_when_it_would_go_stale(recipients, settings):
    settings.CONTACT_NOTIFY_STALE_SECONDS = 300
    submission = _submission()
    before = timezone.now()
    notification_deliver.call("staff", submission.pk)
    [check] = _queued("contact.notifications.notifications_reclaim")
    assert 300 <= (check.run_after - before).total_seconds() <= 310


# Reclaiming -----------------------------------------------------------------------------------


def _claimed(minutes_ago, **fields):
    submission = _submission(**fields)
    Submission.objects.filter(pk=submission.pk).update(
        notification_state=State.SENDING,
        notification_claimed_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    return submission


def test_a_stale_claim_returns_to_pending_and_is_sent_again(recipients, mailoutbox, settings, caplog):
    settings.CONTACT_NOTIFY_STALE_SECONDS = 600
    crashed = _claimed(minutes_ago=11)  # its worker was killed mid-send
    busy = _claimed(minutes_ago=2)  # its worker is still at it
    assert notifications_reclaim.call() == 1
    assert [m.subject for m in mailoutbox] == [f"New contact message #{crashed.pk}"]
    assert Submission.objects.get(pk=crashed.pk).notification_state == State.SENT
    assert Submission.objects.get(pk=busy.pk).notification_state == State.SENDING
    assert f"#{crashed.pk} was claimed" in caplog.text and "Priya" not in caplog.text
    assert notifications_reclaim.call() == 0


def test_each_delivery_task_first_sends_what_a_crashed_worker_left(recipients, mailoutbox):
    crashed = _claimed(minutes_ago=11)
    new = ContactMessageFactory()
    notification_deliver.call("staff", new.pk)
    assert sorted(m.subject for m in mailoutbox) == sorted(
        [f"New contact message #{crashed.pk}", f"New contact message #{new.pk}"]
    )


def test_resend_sends_what_a_crashed_worker_left(recipients, mailoutbox):
    crashed = _claimed(minutes_ago=11)
    assert notifications_resend() == (2, 0)  # its notification, reclaimed, and its confirmation
    assert Submission.objects.get(pk=crashed.pk).notification_state == State.SENT


# One retry policy for every email -------------------------------------------------------------


@pytest.mark.parametrize("message", ["staff", "visitor"])
def test_mail_outage_marks_failed_and_retries_with_doubling_back_off(
    message, recipients, mail_server_down, settings, caplog
):
    settings.CONTACT_NOTIFY_RETRY_SECONDS = 60
    submission = _submission()
    prefix = {"staff": "notification", "visitor": "confirmation"}[message]
    before = timezone.now()
    assert notification_deliver.call(message, submission.pk) is False
    submission.refresh_from_db()
    assert getattr(submission, f"{prefix}_state") == State.FAILED
    assert getattr(submission, f"{prefix}_attempts") == 1
    assert "ConnectionRefusedError" in getattr(submission, f"{prefix}_last_error")
    [retry] = _retries(message, submission)
    assert 55 <= (retry.run_after - before).total_seconds() <= 65
    # The second failure waits twice as long.
    notification_deliver.call(message, submission.pk)
    assert (_retries(message, submission)[1].run_after - before).total_seconds() >= 115
    for secret in PII:
        assert secret not in caplog.text


@pytest.mark.parametrize("message", ["staff", "visitor"])
def test_retries_stop_after_the_maximum_number_of_attempts_and_stay_failed(
    message, recipients, mail_server_down, settings
):
    settings.CONTACT_NOTIFY_MAX_ATTEMPTS = 5
    submission = _submission()
    prefix = {"staff": "notification", "visitor": "confirmation"}[message]
    for _ in range(5):  # more than the three tries visitor confirmations used to get
        notification_deliver.call(message, submission.pk)
    submission.refresh_from_db()
    assert getattr(submission, f"{prefix}_attempts") == 5
    assert getattr(submission, f"{prefix}_state") == State.FAILED
    assert getattr(submission, f"{prefix}_retry_at") is None
    assert len(_retries(message, submission)) == 4  # the fifth failure queued nothing


def test_resend_delivers_every_email_not_yet_sent_and_only_once(recipients, mailoutbox):
    failed = _submission(notification_state=State.FAILED, notification_attempts=6, confirmation_attempts=6)
    Submission.objects.filter(pk=failed.pk).update(confirmation_state=State.FAILED)
    pending = ConsultationRequestFactory()
    ContactMessageFactory(notification_state=State.SENT)
    assert notifications_resend() == (3, 0)
    assert sorted(m.subject for m in mailoutbox if m.to == recipients) == sorted(
        [f"New contact message #{failed.pk}", f"New consultation request #{pending.pk}"]
    )
    assert [m.to for m in mailoutbox if m.to != recipients] == [["priya.private@example.com"]]
    assert notifications_resend() == (0, 0)
    # A retry that was already queued finds the work done and sends nothing more.
    assert notification_deliver.call("staff", failed.pk) is True
    assert notification_deliver.call("visitor", failed.pk) is True
    assert len(mailoutbox) == 3


def test_the_queued_row_runs_the_real_task(recipients, mailoutbox):
    """What db_worker does with a queued row (the live-site tests run the worker itself)."""
    from contact.notifications import notifications_enqueue

    submission = _submission()
    notifications_enqueue(submission=submission)
    for row in DBTaskResult.objects.order_by("enqueued_at"):
        result = row.task_result
        result.task.call(*result.args, **result.kwargs)
    submission.refresh_from_db()
    assert (submission.notification_state, submission.confirmation_state) == (State.SENT, State.SENT)
    assert len(mailoutbox) == 2
