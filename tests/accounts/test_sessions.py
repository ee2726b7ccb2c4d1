"""Staff sessions fit for protected health information: idle sign-out for those who read
enquiries, the second factor again before an export, and every other session ended by a
password change. Time passes by moving the session's own timestamps back."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sessions, two_factor
from contact.models import SubmissionExport
from tests.accounts.helpers import PASSWORD, verified_login
from tests.contact.factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("enquiries:index") + "?export=csv"


def next_code(device):
    """The authenticator's next 30-second code: accepted (clock drift) and not used yet, since
    a code is never accepted twice."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1):06d}"


def move_back(client, key, minutes):
    """As if `key`'s moment in the session were `minutes` earlier."""
    session = client.session
    session[key] -= minutes * 60
    session.save()


def idle_for(client, minutes):
    move_back(client, sessions.LAST_SEEN_SESSION_KEY, minutes)


def test_intake_staff_idle_for_30_minutes_are_signed_out_with_a_calm_message(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    idle_for(client, 29)
    assert client.get("/admin/").status_code == 200  # still there after 29 minutes

    idle_for(client, 31)
    response = client.get("/admin/enquiries/")
    assert response.status_code == 302
    assert response.url == "/admin/login/?next=%2Fadmin%2Fenquiries%2F"
    page = client.get(response.url)
    assert "signed out because the admin was not used for 30 minutes" in page.text
    assert client.get("/admin/").status_code == 302  # signed out for good, not just redirected once


def test_the_idle_limit_is_a_setting(client, coordinator, settings):
    settings.STAFF_IDLE_MINUTES = 5
    client.force_login(coordinator)
    client.get("/admin/")
    idle_for(client, 6)
    assert client.get("/admin/").status_code == 302


def test_each_request_keeps_the_session_alive(client, coordinator):
    client.force_login(coordinator)
    client.get("/admin/")
    for _ in range(3):
        idle_for(client, 20)  # 60 minutes in all, never 30 without a request
        assert client.get("/admin/").status_code == 200


def test_the_editors_background_ping_is_not_activity(client, coordinator):
    client.force_login(coordinator)
    client.get("/admin/")
    idle_for(client, 20)
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", 0])
    client.post(ping)
    idle_for(client, 11)  # 31 minutes since the person last did anything
    assert client.get("/admin/").status_code == 302


def test_other_staff_keep_the_usual_session(client, editor):
    client.force_login(editor)
    client.get("/admin/")
    assert sessions.LAST_SEEN_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def enquiry():
    return ConsultationRequestFactory(preferred_name="Export Person")


def test_an_export_asks_for_the_second_factor_again_after_15_minutes(client, coordinator, enquiry):
    device = verified_login(client, coordinator)
    assert client.get(EXPORT).status_code == 200  # just verified: the file comes
    assert SubmissionExport.objects.count() == 1

    move_back(client, two_factor.VERIFIED_AT_SESSION_KEY, 16)
    response = client.get(EXPORT)
    confirm = reverse("accounts_two_factor_confirm")
    assert response.status_code == 302 and response.url.startswith(confirm)
    assert SubmissionExport.objects.count() == 1  # nothing exported, nothing logged

    page = client.get(response.url)
    assert "Confirm it’s you" in page.text
    assert client.get("/admin/enquiries/").status_code == 200  # the list itself still opens

    done = client.post(response.url, {"token": next_code(device), "next": EXPORT})
    assert done.status_code == 302 and done.url == EXPORT  # back to the export
    exported = client.get(done.url)
    assert exported.status_code == 200 and b"Export Person" in b"".join(exported.streaming_content)
    assert SubmissionExport.objects.count() == 2


def test_a_wrong_code_does_not_export(client, coordinator, enquiry):
    verified_login(client, coordinator)
    move_back(client, two_factor.VERIFIED_AT_SESSION_KEY, 16)
    confirm = client.get(EXPORT).url
    wrong = client.post(confirm, {"token": "000000", "next": EXPORT})
    assert "That code did not work" in wrong.text
    assert client.get(EXPORT).status_code == 302


def test_the_freshness_is_a_setting(client, coordinator, enquiry, settings):
    settings.SECOND_FACTOR_FRESH_MINUTES = 60
    verified_login(client, coordinator)
    move_back(client, two_factor.VERIFIED_AT_SESSION_KEY, 30)
    assert client.get(EXPORT).status_code == 200


def test_a_password_change_ends_every_other_session_and_its_second_factor(client, coordinator):
    other = Client()
    verified_login(other, coordinator)
    device = TOTPDevice.objects.get(user=coordinator)
    assert other.get("/admin/").status_code == 200
    assert other.session.get("otp_device_id")

    client.force_login(coordinator)
    client.post("/admin/two-factor/verify/", {"token": next_code(device), "next": "/admin/"})
    changed = client.post(
        reverse("wagtailadmin_account"),
        {
            # The account page saves all its panels at once.
            "name_email-first_name": "Coordinator",
            "name_email-last_name": "Intake",
            "name_email-email": coordinator.email,
            "locale-preferred_language": "en",
            "locale-current_time_zone": "America/New_York",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "password-old_password": PASSWORD,
            "password-new_password1": "a whole new passphrase 42",
            "password-new_password2": "a whole new passphrase 42",
        },
    )
    assert changed.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("a whole new passphrase 42")

    response = other.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert "otp_device_id" not in other.session  # the two-factor flag went with the session
    assert client.get("/admin/").status_code == 200  # the person who changed it stays in
