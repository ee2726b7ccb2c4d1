"""Setting up two-factor needs the password and a one-time link sent to the person's email:
whoever learns a new coordinator's password cannot enrol their own authenticator."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from tests.accounts.helpers import PASSWORD, current_code, make_user

pytestmark = pytest.mark.django_db
SETUP = "/admin/two-factor/set-up/"
TASK = "accounts.tasks.send_two_factor_invitation"
LINK = re.compile(r"http://testserver(/admin/two-factor/enrol/\S+/)")


def sign_in(client, username):
    client.post("/admin/login/", {"username": username, "password": PASSWORD})


def invitations():
    return DBTaskResult.objects.filter(task_path=TASK)


def deliver_queued():
    for row in invitations().filter(status="READY"):
        result = row.task_result
        result.task.call(*result.args, **result.kwargs)
        row.status = "SUCCESSFUL"
        row.save(update_fields=["status"])


def test_the_password_alone_does_not_show_the_key(client, two_factor_required, coordinator):
    sign_in(client, "coordinator")
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "data-secret" not in page.text and "<svg" not in page.text
    assert "link in your email" in page.text
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_emailed_link_lets_the_person_set_up_once(client, two_factor_required, coordinator, mailoutbox):
    sign_in(client, "coordinator")
    client.post(SETUP, {"action": "send-invitation"})
    assert mailoutbox == []  # queued, not sent in the request
    deliver_queued()
    [message] = mailoutbox
    assert message.to == ["coordinator@example.org"]
    assert "therapy" not in (message.subject + message.body).lower()
    link = LINK.search(message.body).group(1)

    response = client.get(link)
    assert response.status_code == 302 and response.url.startswith(SETUP)
    page = client.get(SETUP)
    assert "data-secret" in page.text
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    done = client.post(SETUP, {"token": current_code(device), "next": "/admin/"})
    assert "Your recovery codes" in done.text
    assert client.get("/admin/").status_code == 200

    again = Client()
    sign_in(again, "coordinator")
    assert "expired or has been used" in again.get(link, follow=True).text


def test_a_link_works_only_for_the_person_it_was_sent_to(
    client, two_factor_required, coordinator, django_user_model
):
    make_user(django_user_model, "coordinator2", groups=["Intake coordinators"])
    output = call_command_output("invite_two_factor", "coordinator2", "--print")
    path = re.search(r"(/admin/two-factor/enrol/\S+/)", output).group(1)
    sign_in(client, "coordinator")
    assert "expired or has been used" in client.get(path, follow=True).text
    assert "data-secret" not in client.get(SETUP).text


def test_asking_for_new_links_is_limited(client, two_factor_required, coordinator, settings):
    settings.SIGNIN_MAX_FAILURES = 3
    sign_in(client, "coordinator")
    for _ in range(6):
        client.post(SETUP, {"action": "send-invitation"})
    assert invitations().count() == 3


def call_command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_printed_link_signs_the_first_superuser_up(client, two_factor_required, superuser):
    output = call_command_output("invite_two_factor", "admin", "--print")
    path = re.search(r"(/admin/two-factor/enrol/\S+/)", output).group(1)
    response = client.get(path)
    assert "/admin/login/" in response.url  # the link needs the password too
    client.post(response.url, {"username": "admin", "password": PASSWORD, "next": path})
    assert client.get(path).url.startswith(SETUP)
    assert "data-secret" in client.get(SETUP).text


def test_superusers_can_email_a_set_up_link_from_the_admin(
    client, two_factor_required, superuser, coordinator, editor
):
    from tests.accounts.helpers import verified_login

    verified_login(client, superuser)
    report = client.get("/admin/reports/two-factor/")
    assert report.status_code == 200 and "coordinator" in report.text
    response = client.post(f"/admin/reports/two-factor/{coordinator.pk}/invite/")
    assert response.status_code == 302
    row = invitations().get()
    assert row.args_kwargs == {"args": [coordinator.pk], "kwargs": {}}

    client.post("/admin/logout/")
    client.force_login(editor)
    assert client.get("/admin/reports/two-factor/").status_code in (302, 403)
    assert client.post(f"/admin/reports/two-factor/{coordinator.pk}/invite/").status_code in (302, 403)
    assert invitations().count() == 1
