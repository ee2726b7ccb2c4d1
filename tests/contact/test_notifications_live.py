"""Exactly once, never stranded: 50 consultation requests queued, the task worker killed with
SIGKILL in the middle of a send, restarted, and `resend_notifications` run at the same time;
a real SMTP server must receive exactly one staff notification per request and the database
must show every one sent. On SQLite always; on PostgreSQL when DATABASE_URL points at one."""

import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_tasks_db.models import DBTaskResult

from livesite import ROOT, FormClient, LiveSite, MailServer, intake_answers

pytestmark = pytest.mark.slow

REQUESTS = 50
KILLED_AT = 10  # the worker dies waiting for the mail server during its 10th send
STALE_SECONDS = 8  # far above a local send (milliseconds), so only the killed send goes stale
STAFF = "intake@example.org"


def notification_states(site):
    """{state: count} of the staff notifications."""
    return dict(site.query("SELECT notification_state, COUNT(*) FROM contact_submission GROUP BY 1"))


def tasks_waiting(site):
    """Queued tasks not run yet, including the stale-claim checks due later."""
    [(count,)] = site.query(f"SELECT COUNT(*) FROM {DBTaskResult._meta.db_table} WHERE status = 'READY'")
    return count


def wait_until(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def resend_on_trigger(site):
    """`manage.py resend_notifications`, loaded ahead in its own process (so that starting
    Python and Django is not part of the race) and run when the returned file appears."""
    trigger = site.tmp / "resend-now"
    code = (
        "import pathlib, time\n"
        "from django.core.management import call_command\n"
        "print('ready', flush=True)\n"
        f"while not pathlib.Path({str(trigger)!r}).exists(): time.sleep(0.02)\n"
        "call_command('resend_notifications')\n"
    )
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in process.stdout:  # past any start-up warnings
        if line.strip() == "ready":
            return process, trigger
    raise AssertionError(f"resend_notifications did not start: {process.wait()}")


def test_a_killed_worker_and_a_concurrent_resend_deliver_every_notification_exactly_once():
    mail = MailServer().start()
    site = LiveSite(
        env={
            # A held sender must wait for the server rather than time out.
            "EMAIL_URL": f"smtp://127.0.0.1:{mail.port}/?timeout=60",
            "CONTACT_RATE_LIMIT": "100000",  # every request comes from 127.0.0.1
            "CONTACT_MIN_FILL_SECONDS": "0",
            "CONTACT_NOTIFY_STALE_SECONDS": str(STALE_SECONDS),
        },
        demo=False,
        threads=8,
    )
    preloaded = None
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
            preloaded = pool.submit(resend_on_trigger, site)
            assert list(pool.map(one, range(REQUESTS))) == [302] * REQUESTS
            recipients.result()
            resend, trigger = preloaded.result()
        assert notification_states(site) == {"pending": REQUESTS}

        # 1. The worker is killed while it waits for the mail server in its 10th send.
        mail.inbox.hold(KILLED_AT)
        site.start_worker()
        assert mail.inbox.held.wait(60), f"the worker sent nothing:\n{site.log('worker')}"
        site.kill_process("worker")
        mail.inbox.release()
        assert len(mail.inbox.subjects()) == KILLED_AT - 1
        assert notification_states(site).get("sending") == 1  # claimed by the dead worker

        # 2. A new worker starts; while it is in the middle of its first send, resend_notifications
        #    runs through everything still pending, and the two go on side by side.
        mail.inbox.hold(1)
        site.start_worker()
        assert mail.inbox.held.wait(60), f"the new worker sent nothing:\n{site.log('worker')}"
        trigger.touch()
        wait_until(lambda: len(mail.inbox.subjects()) >= KILLED_AT - 1 + 3, "three emails from the command")
        mail.inbox.release()
        output = resend.communicate(timeout=120)[0]
        assert resend.returncode == 0 and "; 0 failed." in output, output

        # 3. Each request notified exactly once, none pending, and the stale-claim checks every
        #    claim queued have all run without sending anything more.
        wait_until(lambda: notification_states(site) == {"sent": REQUESTS}, "every notification sent")
        wait_until(lambda: tasks_waiting(site) == 0, "the queue emptied", timeout=STALE_SECONDS + 30)
        subjects = Counter(mail.inbox.subjects())
        assert {subject: n for subject, n in subjects.items() if n > 1} == {}  # no duplicates
        assert sum(subjects.values()) == REQUESTS
        assert notification_states(site) == {"sent": REQUESTS}
        assert "Traceback" not in site.log("worker") and "Traceback" not in site.log("server")
    finally:
        if preloaded is not None and preloaded.done() and preloaded.exception() is None:
            preloaded.result()[0].kill()  # a no-op once it has exited
        site.stop()
        mail.stop()
