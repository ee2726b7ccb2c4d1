"""`submission_create`: the submission is committed first, its emails are marked due in the
same transaction and queued only once it commits (the emails themselves: test_notifications)."""

import pytest
from django.db import DatabaseError
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from contact import services
from contact.forms import ContactForm
from contact.models import ContactSettings, Submission
from livesite import unreachable_mailers
from tests.contact.factories import contact_post_data

pytestmark = pytest.mark.django_db

DELIVER = "contact.notifications.notification_deliver"


def _submit_contact_form(**overrides):
    """A valid contact form whose visitor asked for a receipt (so both emails are due)."""
    form = ContactForm(data=contact_post_data(**{"email_receipt": "on", **overrides}))
    assert form.is_valid(), form.errors
    return services.submission_create(form=form, request=RequestFactory().post("/contact/"))


def _queued(message):
    return [
        row.args_kwargs["kwargs"]
        for row in DBTaskResult.objects.filter(task_path=DELIVER)
        if row.args_kwargs["kwargs"]["message"] == message
    ]


def test_submission_is_committed_before_its_emails_are_queued(recipients, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        submission = _submit_contact_form()
        assert Submission.objects.filter(pk=submission.pk).exists()
        assert not DBTaskResult.objects.exists()  # nothing is queued inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    # Only the number travels through the queue.
    assert _queued("staff") == [{"message": "staff", "submission_id": submission.pk}]
    assert _queued("visitor") == [{"message": "visitor", "submission_id": submission.pk}]
    saved = Submission.objects.get(pk=submission.pk)
    assert (saved.notification_state, saved.confirmation_state) == ("pending", "pending")


def test_an_unqueued_email_stays_pending_for_the_resend_command(
    recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        submission = _submit_contact_form()
    # The commit hook never ran (the queue was unreachable, the process died): both emails are
    # still visibly due, which is what resend_notifications picks up.
    saved = Submission.objects.get(pk=submission.pk)
    assert (saved.notification_state, saved.confirmation_state) == ("pending", "pending")


def test_no_confirmation_when_the_visitor_did_not_ask_for_a_receipt(
    recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit_contact_form(phone="201-555-0123", preferred_channel="phone", email_receipt="")
    assert _queued("visitor") == []
    assert Submission.objects.get(pk=submission.pk).get_confirmation_state_display() == "Not requested"


def test_confirmation_can_be_switched_off(recipients, django_capture_on_commit_callbacks):
    contact_settings = ContactSettings.load()
    contact_settings.send_visitor_confirmation = False
    contact_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit_contact_form()
    assert _queued("visitor") == [] and len(_queued("staff")) == 1
    assert Submission.objects.get(pk=submission.pk).confirmation_state == ""


def test_a_visitor_never_sees_a_mail_error(client, recipients, settings, django_capture_on_commit_callbacks):
    from tests.factories import build_site

    settings.MAILERS = unreachable_mailers()
    build_site()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_post_data())
    assert response.status_code == 302
    assert Submission.objects.get().notification_state == Submission.NotificationState.PENDING


def test_a_client_past_the_rate_limit_gets_no_submission_saved(recipients, settings):
    settings.CONTACT_RATE_LIMIT = 1
    _submit_contact_form()
    with pytest.raises(services.RateLimited):
        _submit_contact_form()
    assert Submission.objects.count() == 1


def test_a_submission_that_fails_to_save_gives_its_rate_limit_slot_back(recipients, settings, monkeypatch):
    settings.CONTACT_RATE_LIMIT = 1
    monkeypatch.setattr(services, "notifications_prepare", _raise_database_error)
    with pytest.raises(DatabaseError):
        _submit_contact_form()
    monkeypatch.undo()
    assert _submit_contact_form().pk  # the failed attempt did not use up the client's one slot


def _raise_database_error(submission):
    raise DatabaseError("the database went away")
