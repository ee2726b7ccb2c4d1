from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from contact.models import ContactSettings, Submission, SubmissionView
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_submissions_past_the_retention_period(capsys, admin_user):
    now = timezone.now()
    old = ConsultationRequestFactory(received_at=now - timedelta(days=366))
    SubmissionView.objects.create(submission=old, user=admin_user, username="admin")
    ContactMessageFactory(received_at=now - timedelta(days=400))
    keep = ContactMessageFactory(received_at=now - timedelta(days=300))

    call_command("purge_submissions", "--dry-run")
    assert "Would delete 2 enquiries older than 365 days." in capsys.readouterr().out
    assert Submission.objects.count() == 3

    call_command("purge_submissions")
    assert "Deleted 2 enquiries" in capsys.readouterr().out
    assert list(Submission.objects.values_list("pk", flat=True)) == [keep.pk]
    assert not SubmissionView.objects.exists()


def test_purge_follows_the_retention_setting(capsys):
    settings_row = ContactSettings.load()
    settings_row.retention_days = 30
    settings_row.save()
    ContactMessageFactory(received_at=timezone.now() - timedelta(days=31))
    call_command("purge_submissions")
    assert "Deleted 1 enquiry older than 30 days." in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("purge_submissions", "--days", "0")


def test_resend_notifications_reports_counts(capsys, recipients, mailoutbox):
    ContactMessageFactory()
    ContactMessageFactory(notification_state=Submission.NotificationState.FAILED)
    ContactMessageFactory(confirmation_state=Submission.NotificationState.FAILED)  # a visitor's
    call_command("resend_notifications")
    assert "Delivered 4 email(s); 0 failed." in capsys.readouterr().out
    assert len(mailoutbox) == 4


def test_resend_notifications_fails_loudly_when_mail_is_still_down(db, capsys):
    ContactMessageFactory()  # no recipients configured anywhere
    with pytest.raises(CommandError):
        call_command("resend_notifications")
    assert "Delivered 0 email(s); 1 failed." in capsys.readouterr().out
