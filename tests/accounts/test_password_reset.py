"""Password reset answers the same for known and unknown addresses: the mail goes through the queue."""

import re

import pytest
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db
RESET = "/admin/password_reset/"
TASK = "accounts.tasks.send_password_reset"


def queued():
    return DBTaskResult.objects.filter(task_path=TASK)


def run_queued():
    """What db_worker does with each queued row."""
    for row in queued():
        result = row.task_result
        result.task.call(*result.args, **result.kwargs)


def test_a_known_address_sends_nothing_in_the_request_and_queues_only_the_user(client, editor, mailoutbox):
    response = client.post(RESET, {"email": "editor@example.org"})
    assert response.status_code == 302 and response.url == "/admin/password_reset/done/"
    assert mailoutbox == []
    row = queued().get()
    assert row.args_kwargs == {"args": [editor.pk], "kwargs": {}}


def test_an_unknown_address_gets_the_same_answer_and_queues_nothing(client, editor, mailoutbox):
    response = client.post(RESET, {"email": "someone@example.org"})
    assert response.status_code == 302 and response.url == "/admin/password_reset/done/"
    assert not queued().exists() and mailoutbox == []


def test_the_queued_task_sends_a_working_reset_link(client, editor, mailoutbox):
    client.post(RESET, {"email": "EDITOR@example.org"})
    assert mailoutbox == []
    run_queued()
    [message] = mailoutbox
    assert message.to == ["editor@example.org"]
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "new_password1" in form_page.text


def test_reset_requests_from_one_address_are_capped(client, editor, settings, mailoutbox):
    settings.SIGNIN_MAX_FAILURES = 3
    for _ in range(5):
        response = client.post(RESET, {"email": "editor@example.org"})
        assert response.status_code == 302  # the same answer, capped or not
    assert queued().count() == 3
