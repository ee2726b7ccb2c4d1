"""Password guessing at /admin/login/ is paused by account and by client address."""

import pytest
from django.core.management import call_command

from tests.accounts.helpers import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PAUSED = "Too many unsuccessful attempts"


def sign_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SIGNIN_MAX_FAILURES = 5
    settings.SIGNIN_MAX_FAILURES_PER_ADDRESS = 8
    settings.SIGNIN_LOCKOUT_SECONDS = 900


def test_the_right_password_after_five_wrong_ones_is_refused_with_a_clear_message(client, editor):
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    response = sign_in(client, "editor", PASSWORD, address="192.0.2.99")
    assert PAUSED in response.text
    assert not is_signed_in(client)


def test_an_unknown_account_is_paused_the_same_way(client, editor):
    known = [sign_in(client, "editor", "wrong", address=f"198.51.100.{n}").text for n in range(6)]
    unknown = [sign_in(client, "nobody", "wrong", address=f"198.51.101.{n}").text for n in range(6)]
    assert PAUSED in known[-1] and PAUSED in unknown[-1]
    assert PAUSED not in known[3] and PAUSED not in unknown[3]


def test_one_address_trying_many_accounts_is_paused_for_every_account(client, editor):
    for n in range(8):
        sign_in(client, f"guess{n}", "wrong")
    assert PAUSED in sign_in(client, "editor", PASSWORD).text
    assert not is_signed_in(client)
    sign_in(client, "editor", PASSWORD, address="192.0.2.1")
    assert is_signed_in(client)


def test_behind_a_proxy_the_address_is_read_from_the_right_of_x_forwarded_for(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(8):
        # The client chooses the left part; the proxy appends the address it saw.
        sign_in(
            client, f"guess{n}", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9"
        )
    assert (
        PAUSED
        in sign_in(client, "editor", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").text
    )
    sign_in(client, "editor", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert is_signed_in(client)


def test_signing_in_clears_the_accounts_count(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    sign_in(client, "editor", PASSWORD)
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong", address="192.0.2.5")
    sign_in(client, "editor", PASSWORD, address="192.0.2.5")
    assert is_signed_in(client)


def test_unlock_account_lifts_the_pause(client, editor, capsys):
    for _ in range(5):
        sign_in(client, "Editor", "wrong", address="192.0.2.6")
    call_command("unlock_account", "editor", "192.0.2.6")
    assert "lifted" in capsys.readouterr().out
    sign_in(client, "editor", PASSWORD, address="192.0.2.6")
    assert is_signed_in(client)


def test_superusers_see_lockouts_in_the_admin_and_can_lift_them(client, superuser, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong", address="192.0.2.7")
    client.force_login(superuser)
    report = client.get("/admin/reports/sign-in-lockouts/")
    assert report.status_code == 200
    assert "editor" in report.text and "Paused now" in report.text
    assert "/admin/reports/sign-in-lockouts/" in client.get("/admin/").text  # in the Reports menu
    from accounts.models import SignInThrottle

    row = SignInThrottle.objects.get(value="editor")
    client.post(f"/admin/reports/sign-in-lockouts/{row.pk}/lift/")
    client.logout()
    sign_in(client, "editor", PASSWORD, address="192.0.2.8")
    assert is_signed_in(client)


def test_editors_cannot_open_the_lockouts_report(client, editor):
    client.force_login(editor)
    assert client.get("/admin/reports/sign-in-lockouts/").status_code in (302, 403)
