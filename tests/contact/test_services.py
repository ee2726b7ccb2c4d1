import socket

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact import services
from contact.forms import ContactForm
from contact.models import ContactSettings, Submission
from contact.tasks import send_staff_notification
from practice.models import PracticeSettings
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory, contact_post_data

pytestmark = pytest.mark.django_db

PII = ("Priya", "Test-Person", "priya.private@example.com", "UNIQUE-MESSAGE-MARKER", "evening appointments")


@pytest.fixture
def mail_server_down(settings):
    """Point the mailer at a local port nobody listens on: a real, immediate connection failure."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }


def _submit_contact_form():
    form = ContactForm(data=contact_post_data())
    assert form.is_valid(), form.errors
    return services.submission_create(form=form, request=RequestFactory().post("/contact/"))


def _queued(task_path="contact.tasks.send_staff_notification"):
    return DBTaskResult.objects.filter(task_path=task_path)


def test_submission_is_committed_before_the_notification_is_queued(
    recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        submission = _submit_contact_form()
        assert Submission.objects.filter(pk=submission.pk).exists()
        assert not _queued().exists()  # nothing is queued inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    task = _queued().get()
    assert task.args_kwargs == {"args": [submission.pk], "kwargs": {}}  # only the number travels


def test_notification_names_no_one_and_carries_no_answers(recipients, mailoutbox):
    submission = _submit_contact_form()
    assert send_staff_notification.call(submission.pk) is True
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == f"New contact message #{submission.pk}"
    assert message.to == recipients
    assert f"http://testserver/admin/enquiries/inspect/{submission.pk}/" in message.body
    whole = message.message().as_string()
    for secret in PII:
        assert secret not in whole
    submission.refresh_from_db()
    assert submission.notification_state == Submission.NotificationState.SENT
    assert submission.notification_attempts == 1 and submission.notification_sent_at


def test_consultation_notification_names_no_service_either(recipients, mailoutbox):
    request = ConsultationRequestFactory(preferred_name="Hidden Person", service_title="Anxiety therapy")
    services.notification_deliver(submission_id=request.pk)
    assert mailoutbox[0].subject == f"New consultation request #{request.pk}"
    whole = mailoutbox[0].message().as_string()
    assert "Hidden Person" not in whole and "Anxiety" not in whole


def test_details_are_included_only_when_the_practice_opts_in(recipients, mailoutbox):
    contact_settings = ContactSettings.load()
    contact_settings.include_details_in_email = True
    contact_settings.save()
    request = ConsultationRequestFactory(preferred_name="Opted In", service_title="Anxiety therapy")
    services.notification_deliver(submission_id=request.pk)
    assert "Opted In" in mailoutbox[0].body and "Anxiety therapy" in mailoutbox[0].body


def test_recipients_fall_back_to_the_practice_address(db, mailoutbox):
    practice = PracticeSettings.load()
    practice.email = "hello@example.org"
    practice.save()
    services.notification_deliver(submission_id=ContactMessageFactory().pk)
    assert mailoutbox[0].to == ["hello@example.org"]


def test_without_any_recipient_the_notification_stays_visible_as_failed(db, mailoutbox, caplog):
    submission = ContactMessageFactory(preferred_name="Logged Nowhere")
    assert services.notification_deliver(submission_id=submission.pk) is False
    submission.refresh_from_db()
    assert submission.notification_state == Submission.NotificationState.FAILED
    assert "No notification recipients" in submission.notification_last_error
    assert not mailoutbox
    assert "No one to notify" in caplog.text
    assert "Logged Nowhere" not in caplog.text


def test_mail_outage_marks_failed_and_schedules_a_retry_with_back_off(
    recipients, mail_server_down, settings, caplog
):
    settings.CONTACT_NOTIFY_RETRY_SECONDS = 60
    submission = _submit_contact_form()
    before = timezone.now()
    assert send_staff_notification.call(submission.pk) is False
    submission.refresh_from_db()
    assert submission.notification_state == Submission.NotificationState.FAILED
    assert submission.notification_attempts == 1
    assert "ConnectionRefusedError" in submission.notification_last_error
    retry = _queued().get()
    assert retry.run_after is not None and 55 <= (retry.run_after - before).total_seconds() <= 65
    # The second failure waits twice as long.
    send_staff_notification.call(submission.pk)
    retries = _queued().order_by("run_after")
    assert (retries[1].run_after - before).total_seconds() >= 115
    for secret in PII:
        assert secret not in caplog.text


def test_retries_stop_after_the_maximum_number_of_attempts(recipients, mail_server_down, settings):
    settings.CONTACT_NOTIFY_MAX_ATTEMPTS = 2
    submission = _submit_contact_form()
    send_staff_notification.call(submission.pk)
    send_staff_notification.call(submission.pk)
    submission.refresh_from_db()
    assert submission.notification_attempts == 2
    assert submission.notification_retry_at is None
    assert _queued().count() == 1  # only the first failure queued a retry


def test_a_visitor_never_sees_a_mail_error(
    client, recipients, mail_server_down, django_capture_on_commit_callbacks
):
    from tests.factories import build_site

    build_site()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_post_data())
    assert response.status_code == 302
    assert Submission.objects.get().notification_state == Submission.NotificationState.PENDING


def test_resend_delivers_everything_not_yet_sent_and_only_once(recipients, mailoutbox):
    failed = ContactMessageFactory(
        notification_state=Submission.NotificationState.FAILED, notification_attempts=6
    )
    pending = ConsultationRequestFactory()
    ContactMessageFactory(notification_state=Submission.NotificationState.SENT)
    assert services.notifications_resend() == (2, 0)
    assert sorted(m.subject for m in mailoutbox) == sorted(
        [f"New contact message #{failed.pk}", f"New consultation request #{pending.pk}"]
    )
    assert services.notifications_resend() == (0, 0)
    # A retry that was already queued finds the work done and sends nothing more.
    assert send_staff_notification.call(failed.pk) is True
    assert len(mailoutbox) == 2


def test_visitor_confirmation_is_generic(recipients, mailoutbox, django_capture_on_commit_callbacks):
    from contact.tasks import send_visitor_confirmation

    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit_contact_form()
    assert _queued("contact.tasks.send_visitor_confirmation").count() == 1
    assert send_visitor_confirmation.call(submission.pk) is True
    message = mailoutbox[0]
    assert message.to == ["priya.private@example.com"]
    assert "received your request" in message.body and "988" in message.body
    for secret in ("Priya", "UNIQUE-MESSAGE-MARKER", "evening appointments"):
        assert secret not in message.message().as_string()
    # Sent once only.
    assert send_visitor_confirmation.call(submission.pk) is False


def test_no_confirmation_when_the_visitor_did_not_ask_for_email(
    recipients, django_capture_on_commit_callbacks
):
    form = ContactForm(data=contact_post_data(phone="201-555-0123", preferred_channel="phone"))
    assert form.is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_create(form=form, request=RequestFactory().post("/contact/"))
    assert not _queued("contact.tasks.send_visitor_confirmation").exists()


def test_confirmation_can_be_switched_off(recipients, django_capture_on_commit_callbacks):
    contact_settings = ContactSettings.load()
    contact_settings.send_visitor_confirmation = False
    contact_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        _submit_contact_form()
    assert not _queued("contact.tasks.send_visitor_confirmation").exists()
    assert mail.outbox == []


def test_the_queued_row_runs_the_real_task(recipients, mailoutbox, django_capture_on_commit_callbacks):
    """What db_worker does with a queued row (the live-site tests run the worker itself)."""
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit_contact_form()
    result = _queued().get().task_result
    result.task.call(*result.args, **result.kwargs)
    submission.refresh_from_db()
    assert submission.notification_state == Submission.NotificationState.SENT
    assert f"New contact message #{submission.pk}" in {m.subject for m in mailoutbox}
