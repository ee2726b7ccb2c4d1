"""Password guessing at /admin/login/ is paused by address and by account-and-address, and
slowed (never paused) for an account, whose usual browser always gets through."""

import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.accounts.helpers import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PAUSED = "Too many unsuccessful attempts"


def sign_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def sign_out(client):
    """Signing out as a person does (the test client's logout() would also drop every cookie)."""
    client.post("/admin/logout/")


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SIGNIN_MAX_FAILURES = 5
    settings.SIGNIN_MAX_FAILURES_PER_ADDRESS = 8
    settings.SIGNIN_LOCKOUT_SECONDS = 900


def test_the_right_password_after_five_wrong_ones_from_a_new_browser_waits_seconds_not_minutes(
    client, editor, settings
):
    settings.SIGNIN_DELAY_SECONDS = 3
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    response = sign_in(client, "editor", PASSWORD, address="192.0.2.99")
    assert re.search(r"Please wait [123] seconds?\b", response.text), response.text
    assert not is_signed_in(client)
    time.sleep(3.1)
    sign_in(client, "editor", PASSWORD, address="192.0.2.99")
    assert is_signed_in(client)


def wait_shown(response):
    found = re.search(r"Please wait (\d+) seconds?", response.text)
    return int(found.group(1)) if found else 0


def let_the_wait_pass():
    """As if the account's wait had run out (the tests do not sleep through minutes)."""
    from django.utils import timezone

    from accounts.models import SignInThrottle

    SignInThrottle.objects.filter(scope="account").update(locked_until=timezone.now())


def test_the_wait_doubles_with_each_wrong_password_and_refused_tries_do_not_count(client, editor, settings):
    settings.SIGNIN_DELAY_SECONDS = 30
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    for _ in range(3):  # refused unchecked: the wait does not grow
        assert wait_shown(sign_in(client, "editor", "wrong", address="198.51.100.9")) in (29, 30)
    let_the_wait_pass()
    sign_in(client, "editor", "wrong", address="198.51.100.9")  # checked: the 6th failure
    assert wait_shown(sign_in(client, "editor", PASSWORD, address="198.51.100.9")) in (59, 60)
    let_the_wait_pass()
    sign_in(client, "editor", PASSWORD, address="198.51.100.9")
    assert is_signed_in(client)


def test_guessing_from_many_addresses_never_locks_the_owner_out_of_her_usual_browser(client, editor):
    sign_in(client, "editor", PASSWORD, address="192.0.2.50")  # her browser has signed in before
    sign_out(client)
    assert not is_signed_in(client)
    attacker = Client()
    for n in range(12):
        sign_in(attacker, "editor", "wrong", address=f"198.51.100.{n}")
    sign_in(client, "editor", PASSWORD, address="192.0.2.50")
    assert is_signed_in(client)
    assert not is_signed_in(attacker)


def test_the_known_browser_cookie_is_signed_and_hidden_from_scripts(client, editor, settings):
    settings.SIGNIN_DELAY_SECONDS = 30
    response = sign_in(client, "editor", PASSWORD)
    cookie = response.cookies["accounts_known_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "editor" not in cookie.value  # signed and compressed, not a plain name to copy
    attacker = Client()
    attacker.cookies["accounts_known_device"] = "editor"
    for n in range(5):
        sign_in(attacker, "editor", "wrong", address=f"198.51.100.{n}")
    assert "Please wait" in sign_in(attacker, "editor", PASSWORD, address="198.51.100.9").text


def test_five_wrong_passwords_from_one_address_pause_that_address_for_that_account(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong", address="198.51.100.1")
    time.sleep(1.1)  # past the account's wait
    assert "15 minutes" in sign_in(client, "editor", PASSWORD, address="198.51.100.1").text
    assert not is_signed_in(client)


def test_an_unknown_account_is_paused_the_same_way(client, editor, settings):
    settings.SIGNIN_DELAY_SECONDS = 60  # no wait may run out between tries on a slow machine
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
    sign_out(client)
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


def alerts():
    return DBTaskResult.objects.filter(task_path="accounts.tasks.send_guessing_alert")


def test_intake_staff_are_told_once_by_email_when_their_account_is_being_guessed(
    client, coordinator, mailoutbox
):
    for n in range(5):
        sign_in(client, "Coordinator", "hunter2-guess", address=f"198.51.100.{n}")
    time.sleep(1.1)
    for n in range(3):
        sign_in(client, "coordinator", "hunter2-guess", address=f"198.51.101.{n}")
    assert mailoutbox == []  # queued, not sent in the request
    row = alerts().get()
    result = row.task_result
    result.task.call(*result.args, **result.kwargs)
    [message] = mailoutbox
    assert message.to == ["coordinator@example.org"]
    assert "wrong password" in message.body.lower()
    for secret in ["198.51.10", "hunter2", "therapy", "Therapy"]:
        assert secret not in message.body + message.subject


def test_editors_who_cannot_read_enquiries_get_no_such_email(client, editor):
    for n in range(6):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    assert not alerts().exists()


def test_editors_cannot_open_the_lockouts_report(client, editor):
    client.force_login(editor)
    assert client.get("/admin/reports/sign-in-lockouts/").status_code in (302, 403)
