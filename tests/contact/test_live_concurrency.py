"""200 consultation requests from 16 threads against the running site: 200 rows, 200
notifications, no error, on the database this run uses (CI runs it on SQLite and PostgreSQL)."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from livesite import FormClient, LiveSite, MailServer, intake_answers

pytestmark = pytest.mark.slow

THREADS = 16
REQUESTS = 200
STAFF = "intake@example.org"


def test_200_requests_from_16_threads_are_all_saved_and_notified():
    mail = MailServer().start()
    site = LiveSite(
        env={
            "EMAIL_URL": mail.url,
            # Every thread posts from 127.0.0.1: lift the per-address limit for this server only.
            "CONTACT_RATE_LIMIT": "100000",
            "CONTACT_MIN_FILL_SECONDS": "0",
        },
        worker=True,
        workers=2,
        threads=8,
    )
    try:
        site.start()
        site.shell(
            "from contact.models import ContactSettings\n"
            f"s = ContactSettings.load(); s.notification_recipients = {STAFF!r}; s.save()\n"
        )

        def one(index):
            client = FormClient(site.url)
            hidden = client.form_fields("/contact/intake/")
            status, body, _ = client.post(
                "/contact/intake/", {**hidden, **intake_answers(preferred_name=f"Thread person {index}")}
            )
            return status if status == 302 else (status, body[:500])

        started = time.monotonic()
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(one, range(REQUESTS)))
        posted = time.monotonic() - started
        assert results == [302] * REQUESTS

        counts = site.query(
            "SELECT COUNT(*), COUNT(DISTINCT preferred_name) FROM contact_submission"
            " WHERE kind = 'consultation'"
        )
        assert counts == [(REQUESTS, REQUESTS)]

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(mail.inbox.subjects()) < REQUESTS:
            time.sleep(0.5)
        subjects = mail.inbox.subjects()
        notified = time.monotonic() - started
        print(f"{REQUESTS} requests (GET + POST) in {posted:.1f}s; all notified after {notified:.1f}s")
        assert len(subjects) == REQUESTS and len(set(subjects)) == REQUESTS
        assert site.query("SELECT COUNT(*) FROM contact_submission WHERE notification_state = 'sent'") == [
            (REQUESTS,)
        ]
        assert "Traceback" not in site.log("server") and "Traceback" not in site.log("worker")
    finally:
        site.stop()
        mail.stop()
