"""Intake staff are warned at the top of the admin's dashboard when staff notifications have
waited more than five minutes (the task worker has stopped); nobody else is (issue 17, F6)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from contact.models import Submission
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db

State = Submission.NotificationState
WARNING = "Staff notifications are not being sent"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def test_coordinators_are_warned_first_when_notifications_wait_more_than_five_minutes(client, coordinator):
    ConsultationRequestFactory(received_at=minutes_ago(6))  # pending: nobody is sending
    ContactMessageFactory(received_at=minutes_ago(7), notification_state=State.SENDING)  # a sender that died
    ContactMessageFactory(received_at=minutes_ago(1))  # just arrived: the worker has time yet
    html = dashboard(client, coordinator)
    assert WARNING in html
    assert "2 enquiries have waited more than 5 minutes for their staff email" in html
    assert "?notification_state=pending" in html
    # Above the enquiry counts and the other panels.
    assert html.index(WARNING) < html.index('id="enquiries-section"')


def test_no_warning_while_notifications_go_out(client, coordinator):
    ConsultationRequestFactory(received_at=minutes_ago(60), notification_state=State.SENT)
    ContactMessageFactory(received_at=minutes_ago(2))
    assert WARNING not in dashboard(client, coordinator)


def test_editors_who_cannot_see_enquiries_are_not_told_about_them(client, editor):
    ConsultationRequestFactory(received_at=minutes_ago(30))
    html = dashboard(client, editor)
    assert WARNING not in html
    assert not re.search(r"enquir(y|ies) ha(s|ve) waited", html)


def test_the_threshold_is_a_setting(client, coordinator, settings):
    settings.CONTACT_NOTIFY_WARN_SECONDS = 120
    ConsultationRequestFactory(received_at=minutes_ago(3))
    assert "1 enquiry has waited more than 2 minutes for its staff email" in dashboard(client, coordinator)
