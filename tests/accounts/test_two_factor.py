"""Anyone who can read enquiries signs in with a second factor; others may opt in."""

import re
import time

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import (
    PASSWORD,
    current_code,
    give_authenticator,
    open_set_up_link,
    verified_login,
)

pytestmark = pytest.mark.django_db
SETUP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"


def sign_in(client, username):
    return client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/pages/"})


@pytest.mark.parametrize("who", ["superuser", "coordinator"])
def test_people_who_can_read_enquiries_must_set_up_a_second_factor(client, two_factor_required, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in ["/admin/", "/admin/pages/", "/admin/account/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(SETUP), url


def test_editors_who_cannot_read_enquiries_are_not_asked(client, two_factor_required, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_setting_up_shows_a_qr_code_made_here_and_then_recovery_codes(
    client, two_factor_required, coordinator
):
    client.force_login(coordinator)
    open_set_up_link(client, coordinator)
    page = client.get(SETUP + "?next=/admin/pages/")
    assert "<svg" in page.text and "http" not in re.search(r"<svg.*?</svg>", page.text, re.S).group(
        0
    ).replace("http://www.w3.org/2000/svg", "")
    assert page.headers["Content-Security-Policy"].count("http") == 0  # no new origins
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    wrong = client.post(SETUP, {"token": "000000", "next": "/admin/pages/"})
    assert "That code did not work" in wrong.text
    time.sleep(1.1)  # django-otp pauses a device after a wrong code (1 s, doubling)
    done = client.post(SETUP, {"token": current_code(device), "next": "/admin/pages/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.text)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert client.get("/admin/").status_code == 200


def test_signing_in_asks_for_the_code_after_the_password(client, two_factor_required, superuser):
    device = give_authenticator(superuser)
    response = sign_in(client, "admin")
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "123456"}).text
    assert "That code did not work" in wrong
    assert 'action="/admin/logout/"' in wrong  # signing out instead is a POST, as Django requires
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp pauses a device after a wrong code (1 s, doubling)
    response = client.post(VERIFY, {"token": current_code(device), "next": "/admin/pages/"})
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_recovery_code_signs_in_once(client, two_factor_required, superuser):
    give_authenticator(superuser)
    code = StaticToken.objects.filter(device__user=superuser).first().token
    sign_in(client, "admin")
    assert client.post(VERIFY, {"token": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, "admin")
    assert "That code did not work" in client.post(VERIFY, {"token": code}).text


def test_verify_does_not_send_people_to_other_sites(client, superuser):
    device = give_authenticator(superuser)
    client.force_login(superuser)
    response = client.post(VERIFY, {"token": current_code(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


def test_a_user_with_a_device_cannot_add_another_without_verifying(client, two_factor_required, superuser):
    give_authenticator(superuser)
    client.force_login(superuser)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_when_not_required_the_superuser_signs_in_with_a_password_and_may_opt_in(client, settings, superuser):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    assert "/admin/two-factor/" in client.get("/admin/account/").text  # offered in the account menu
    give_authenticator(superuser)
    client.logout()
    sign_in(client, "admin")
    assert client.get("/admin/").url.startswith(VERIFY)  # opted in: the code is asked for


def test_editors_may_opt_in_and_out(client, two_factor_required, editor):
    verified_login(client, editor)
    assert "Turn off two-factor sign-in" in client.get("/admin/two-factor/").text
    client.post("/admin/two-factor/", {"action": "turn-off"})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_coordinators_cannot_turn_it_off(client, two_factor_required, coordinator):
    verified_login(client, coordinator)
    assert "Turn off" not in client.get("/admin/two-factor/").text
    client.post("/admin/two-factor/", {"action": "turn-off"})
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_reset_two_factor_removes_a_lost_device(client, two_factor_required, coordinator, capsys):
    give_authenticator(coordinator)
    call_command("reset_two_factor", "coordinator")
    assert "removed" in capsys.readouterr().out
    sign_in(client, "coordinator")
    assert client.get("/admin/").url.startswith(SETUP)


def test_the_set_up_page_can_load_its_icons_and_translations(client, two_factor_required, superuser):
    client.force_login(superuser)
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200


def test_a_private_page_waits_for_the_second_factor_too(client, two_factor_required, superuser, site_tree):
    """Half signed in (the password, not yet the code) is not signed in: a page restricted to
    signed-in staff asks them to sign in, as it would ask anyone."""
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    private = StandardPageFactory(parent=site_tree.home, title="Staff handbook", slug="staff-handbook")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    device = give_authenticator(superuser)
    sign_in(client, "admin")
    response = client.get(private.url)
    assert response.status_code == 302 and "login" in response.url
    assert "Staff handbook" not in client.get(private.url, follow=True).text

    client.post(VERIFY, {"token": current_code(device), "next": "/admin/"})
    response = client.get(private.url)
    assert response.status_code == 200 and "Staff handbook" in response.text


def test_a_recovery_code_works_while_the_authenticator_is_waiting_after_a_wrong_code(
    client, two_factor_required, superuser, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the app's code is refused for a minute after a wrong one
    give_authenticator(superuser)
    code = StaticToken.objects.filter(device__user=superuser).first().token
    sign_in(client, "admin")
    assert "That code did not work" in client.post(VERIFY, {"token": "123456"}).text
    response = client.post(VERIFY, {"token": code, "next": "/admin/pages/"})
    assert response.status_code == 302 and response.url == "/admin/pages/"


def test_a_right_code_while_the_authenticator_is_waiting_is_told_to_wait_not_that_it_is_wrong(
    client, two_factor_required, superuser, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = give_authenticator(superuser)
    sign_in(client, "admin")
    client.post(VERIFY, {"token": "123456"})
    page = client.post(VERIFY, {"token": current_code(device)}).text
    assert "That code did not work" not in page
    assert re.search(r"wait (60|59|58) seconds", page), page
    assert client.get("/admin/").status_code == 302
