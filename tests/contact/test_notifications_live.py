"""Exactly once, never stranded: 50 consultation requests queued, the task worker killed with
SIGKILL in the middle of a send, restarted, and `resend_notifications` run at the same time;
a real SMTP server must receive exactly one staff notification per request and the database
must show every one sent. On SQLite always; on PostgreSQL when DATABASE_URL points at one."""

import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import dj_database_url
import pytest
from django_tasks_db.models import DBTaskResult

from tests.contact.http import FormClient, intake_answers
from tests.contact.live_mail import MailServer
from tests.live import ROOT, LiveSite

pytestmark = pytest.mark.slow

REQUESTS = 50
KILLED_AT = 10  # the worker dies waiting for the mail server during its 10th send
STALE_SECONDS = 5  # far above a local send (milliseconds), so only the killed send goes stale
STAFF = "intake@example.org"


def _database_url(kind):
    configured = os.environ.get("DATABASE_URL", "")
    is_postgres = configured.startswith(("postgres://", "postgresql://"))
    if kind == "postgresql" and not is_postgres:
        pytest.skip("set DATABASE_URL to a PostgreSQL server to run this on PostgreSQL")
    return configured if kind == "postgresql" else ""


def query(site, sql):
    """Rows of one SELECT on the site's own database (quicker than a `manage.py shell` per look)."""
    config = dj_database_url.parse(site.env["DATABASE_URL"])
    if config["ENGINE"].endswith("sqlite3"):
        connection = sqlite3.connect(config["NAME"], timeout=30)
    else:
        import psycopg2

        connection = psycopg2.connect(
            host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname=config["NAME"]
        )
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        connection.close()


def notification_states(site):
    """{state: count} of the staff notifications."""
    return dict(query(site, "SELECT notification_state, COUNT(*) FROM contact_submission GROUP BY 1"))


def tasks_waiting(site):
    """Queued tasks not run yet, including the stale-claim checks due later."""
    [(count,)] = query(site, f"SELECT COUNT(*) FROM {DBTaskResult._meta.db_table} WHERE status = 'READY'")
    return count


def wait_until(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout}s")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_killed_worker_and_a_concurrent_resend_deliver_every_notification_exactly_once(
    database, monkeypatch
):
    url = _database_url(database)
    if url:
        monkeypatch.setenv("DATABASE_URL", url)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    mail = MailServer().start()
    site = LiveSite(
        env={
            "EMAIL_URL": mail.url,
            "CONTACT_RATE_LIMIT": "100000",  # every request comes from 127.0.0.1
            "CONTACT_MIN_FILL_SECONDS": "0",
            "CONTACT_NOTIFY_STALE_SECONDS": str(STALE_SECONDS),
        },
        demo=False,
        threads=8,
    )
    try:
        site.start()  # no worker yet: the requests queue up

        def one(index):
            client = FormClient(site.url)
            hidden = client.form_fields("/contact/intake/")
            answers = intake_answers(preferred_name=f"Queued person {index}", service="")
            return client.post("/contact/intake/", {**hidden, **answers})[0]

        with ThreadPoolExecutor(8) as pool:
            recipients = pool.submit(
                site.shell,
                "from contact.models import ContactSettings\n"
                f"s = ContactSettings.load(); s.notification_recipients = {STAFF!r}; s.save()\n",
            )
            assert list(pool.map(one, range(REQUESTS))) == [302] * REQUESTS
            recipients.result()
        assert notification_states(site) == {"pending": REQUESTS}

        mail.inbox.hold(KILLED_AT)
        site.start_worker()
        assert mail.inbox.held.wait(60), f"the worker sent nothing:\n{site.log('worker')}"
        site.kill_process("worker")
        mail.inbox.release()
        assert len(mail.inbox.subjects()) == KILLED_AT - 1
        assert notification_states(site)["sending"] == 1  # claimed by the dead worker

        # A new worker and the resend command, at the same time, over the 41 left.
        site.start_worker()
        resend = subprocess.Popen(
            [sys.executable, "manage.py", "resend_notifications"],
            cwd=ROOT,
            env=site.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = resend.communicate(timeout=120)[0]
        assert resend.returncode == 0 and "; 0 failed." in output, output

        wait_until(lambda: notification_states(site) == {"sent": REQUESTS}, "every notification sent")
        # Every stale-claim check queued by a claim has run too, and found nothing more to send.
        wait_until(lambda: tasks_waiting(site) == 0, "the queue emptied", timeout=STALE_SECONDS + 30)
        subjects = Counter(mail.inbox.subjects())
        duplicates = {subject: n for subject, n in subjects.items() if n > 1}
        assert duplicates == {}
        assert sum(subjects.values()) == REQUESTS
        assert notification_states(site) == {"sent": REQUESTS}
        assert "Traceback" not in site.log("worker") and "Traceback" not in site.log("server")
    finally:
        site.stop()
        mail.stop()
