"""The task worker outlives a database outage: with the site on a PostgreSQL server of the test's
own, the server is stopped for 4 s (twenty of its polls) while `manage.py task_worker` runs and then started again; a
consultation request sent after that must reach staff (a real SMTP server) within a minute, from
the same worker, which said once that the database was gone and once that it was back."""

import subprocess
import sys
import time

import pytest

from livesite import ROOT, DatabaseTemplate, FormClient, LiveSite, MailServer, intake_answers, postgres

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not postgres.available(), reason="needs Debian's PostgreSQL 15 binaries"),
]

OUTAGE_SECONDS = 4
STAFF = "intake@example.org"
WORKER_COMMAND = "task_worker"  # the command `make serve` and deploy/systemd run


def send_intake(site, name):
    """A consultation request over HTTP, as a visitor sends it; returns its number."""
    client = FormClient(site.url)
    answers = intake_answers(preferred_name=name, service="")
    status, body, location = client.post(
        "/contact/intake/", {**client.form_fields("/contact/intake/"), **answers}
    )
    assert status == 302, body[:500]
    [(number,)] = site.query("SELECT MAX(id) FROM contact_submission")
    return number


@pytest.fixture
def server():
    server = postgres.PostgresServer().start()
    yield server
    server.close()


def test_the_worker_sends_the_first_enquiry_after_a_database_outage_within_a_minute(server, monkeypatch):
    # The LiveSite makes its database on the test's own server, never on the shared one.
    monkeypatch.setenv("DATABASE_URL", server.url)
    monkeypatch.delenv(DatabaseTemplate.RUN_VARIABLE, raising=False)
    mail = MailServer().start()
    site = LiveSite(
        env={
            "EMAIL_URL": mail.url,
            "CONTACT_RATE_LIMIT": "1000",
            "CONTACT_MIN_FILL_SECONDS": "0",
        },
        demo=False,
    )
    worker = None
    try:
        site.start()
        site.shell(
            "from contact.models import ContactSettings\n"
            f"s = ContactSettings.load(); s.notification_recipients = {STAFF!r}; s.save()\n"
        )
        log_path = site.tmp / "worker.log"
        with open(log_path, "w") as log:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", WORKER_COMMAND, "--backend", "notifications",
                 "--interval", "0.2", "--no-startup-delay"],
                cwd=ROOT, env=site.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

        def delivered(number, timeout):
            return mail.inbox.wait_for(
                lambda m: m["message"]["Subject"] == f"New consultation request #{number}",
                timeout=timeout,
                what=f"the notification for #{number} (worker log:\n{log_path.read_text()})",
            )

        before = send_intake(site, "Before the outage")
        delivered(before, timeout=60)

        server.stop()
        time.sleep(OUTAGE_SECONDS)
        assert worker.poll() is None, f"the worker exited during the outage:\n{log_path.read_text()}"
        server.start()
        recovered = time.monotonic()

        after = send_intake(site, "After the outage")
        delivered(after, timeout=60)
        seconds = time.monotonic() - recovered
        print(f"first notification after recovery delivered {seconds:.1f} s after the database came back")
        assert seconds < 60
        assert worker.poll() is None, "the worker is still the one sending"
        assert sorted(site.query("SELECT notification_state FROM contact_submission")) == [
            ("sent",),
            ("sent",),
        ]

        # One line when the outage began and one when it ended, not one per try.
        log = log_path.read_text()
        assert log.count("The database cannot be reached") == 1, log
        assert log.count("The database answers again") == 1, log
        assert "Traceback" not in log
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
        site.stop()
        mail.stop()
