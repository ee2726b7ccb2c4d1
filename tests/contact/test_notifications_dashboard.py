"""The admin dashboard tells intake staff about emails that failed or are stuck."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.models import Submission
from tests.contact.factories import ContactMessageFactory

pytestmark = pytest.mark.django_db

State = Submission.NotificationState


def _dashboard(client, user):
    client.force_login(user)
    return " ".join(client.get(reverse("wagtailadmin_home")).content.decode().split())


def test_dashboard_counts_failed_and_stuck_emails_apart(client, admin_user, settings):
    settings.CONTACT_NOTIFY_STALE_SECONDS = 600
    long_ago = timezone.now() - timedelta(minutes=30)
    ContactMessageFactory(notification_state=State.FAILED)
    ContactMessageFactory(received_at=long_ago)  # pending for 30 minutes: is the worker down?
    ContactMessageFactory(received_at=long_ago, notification_state=State.SENDING)  # a crashed sender
    ContactMessageFactory()  # just arrived: not worth a line
    ContactMessageFactory(
        received_at=long_ago, notification_state=State.SENT, confirmation_state=State.FAILED
    )
    html = _dashboard(client, admin_user)
    assert "1 staff notification not delivered" in html
    assert "2 staff notifications pending longer than 10 minutes" in html
    assert "?notification_state=pending" in html
    assert "1 visitor confirmation not delivered" in html
    assert "visitor confirmations pending" not in html and "visitor confirmation pending" not in html


def test_dashboard_is_quiet_when_every_email_went_out(client, admin_user):
    ContactMessageFactory(notification_state=State.SENT, received_at=timezone.now() - timedelta(hours=2))
    html = _dashboard(client, admin_user)
    assert "1 new enquiry" in html
    assert "not delivered" not in html and "pending longer" not in html
