"""End to end with a real mail server: the running site, its task worker and aiosmtpd.

A request arrives as a notification without personal data; with the mail server down the
visitor still sees the thank-you page, and once it is back the automatic retry, and
`resend_notifications`, deliver what was missed.
"""

import json
import re
import time
from datetime import UTC, datetime

import pytest
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from livesite import FormClient, LiveSite, MailServer, intake_answers

pytestmark = pytest.mark.slow

MIN_FILL_SECONDS = 1
STAFF = "intake@example.org"
TIME_VALUE = re.compile(r'name="consultation_time" value="(\d{8}T\d{4}Z)"')
PERSONAL = ("Live", "Private-Person", "201-555-0199", "LIVE-NOTE-MARKER", "visitor@example.com")


@pytest.fixture(scope="module")
def mail_server():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(mail_server):
    live = LiveSite(
        env={
            "EMAIL_URL": mail_server.url,
            "CONTACT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
            "CONTACT_NOTIFY_RETRY_SECONDS": "2",
        },
        worker=True,
    )
    live.start()
    live.shell(
        "from contact.models import ContactSettings\n"
        "s = ContactSettings.load()\n"
        f"s.notification_recipients = {STAFF!r}\n"
        "s.save()\n"
    )
    yield live
    live.stop()


def send_request(site, **overrides):
    """Fill in the consultation request like a person (waiting out the minimum time); return
    the submission's number, read from the database, and the thank-you page."""
    client = FormClient(site.url)
    hidden = client.form_fields("/contact/intake/")
    time.sleep(MIN_FILL_SECONDS + 0.2)
    status, body, location = client.post("/contact/intake/", {**hidden, **intake_answers(**overrides)})
    assert status == 302, body[:2000]
    assert location.startswith("/contact/thanks/?sent=consultation&reply=")
    status, thanks = client.get(location)
    assert status == 200
    [(number,)] = site.query("SELECT MAX(id) FROM contact_submission")
    return number, thanks


def state_of(site, number):
    [(state, attempts, retry_at)] = site.query(
        "SELECT notification_state, notification_attempts, notification_retry_at FROM contact_submission"
        " WHERE id = ?",
        (number,),
    )
    return state, attempts, retry_at is not None


def wait_for_state(site, number, state, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = state_of(site, number)
        if current[0] == state:
            return current
        time.sleep(0.3)
    raise AssertionError(f"#{number} stayed {current} instead of {state}")


def for_staff(number):
    return lambda m: STAFF in m["to"] and m["message"]["Subject"] == f"New consultation request #{number}"


def assert_nothing_personal(message):
    for secret in PERSONAL:
        assert secret not in message["raw"], secret
    assert "Individual therapy" not in message["raw"]  # not even the service


def test_request_arrives_as_a_notification_without_personal_data(site, mail_server):
    number, thanks = send_request(site, email="visitor@example.com", consent_email="on")
    assert "What happens next" in thanks and "within two business days" in thanks
    [staff_mail] = mail_server.inbox.wait_for(for_staff(number), what="the staff notification")
    assert_nothing_personal(staff_mail)
    assert f"{site.url}/admin/enquiries/inspect/{number}/" in staff_mail["message"].get_content()
    # The visitor's generic confirmation repeats nothing they wrote.
    [receipt] = mail_server.inbox.wait_for(lambda m: "visitor@example.com" in m["to"], what="the receipt")
    for secret in ("Private-Person", "LIVE-NOTE-MARKER", "201-555-0199", "Individual therapy"):
        assert secret not in receipt["raw"]
    assert wait_for_state(site, number, "sent")[1] == 1


def test_a_booked_request_is_confirmed_with_its_time_and_a_calendar_file(site, mail_server):
    """Through the real form: the client picks the first time offered, allows email and asks
    for a reminder; the confirmation arrives with call.ics, and the reminder waits in the queue
    for the day before."""
    chosen = TIME_VALUE.search(FormClient(site.url).get("/contact/intake/")[1])[1]
    number, _ = send_request(
        site, email="booked@example.com", consent_email="on", consultation_time=chosen, email_reminder="on"
    )
    [mail] = mail_server.inbox.wait_for(lambda m: "booked@example.com" in m["to"], what="the confirmation")
    message = mail["message"]
    assert message["Subject"].startswith("Your call on ") and message["Subject"].endswith("Eastern Time")
    assert message["From"].startswith("WR Wellness <")
    [attachment] = list(message.iter_attachments())
    assert (attachment.get_filename(), attachment.get_content_type()) == ("call.ics", "text/calendar")
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.strptime(chosen, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Call with WR Wellness"
    link = str(event["URL"])
    assert link.startswith(f"{site.url}/contact/call/") and link in message.get_body().get_content()
    assert FormClient(site.url).get(link.removeprefix(site.url))[0] == 200  # the link opens her call
    for secret in (*PERSONAL, "therapy", "Therapy", "counsel"):
        assert secret not in mail["raw"].replace("booked@example.com", ""), secret
    [(reminder, starts_at)] = site.query(
        "SELECT reminder_state, starts_at FROM booking_booking WHERE submission_id = ?", (number,)
    )
    assert reminder == "pending"
    tasks = site.query(
        f"SELECT args_kwargs, run_after FROM {DBTaskResult._meta.db_table} WHERE status = 'READY'"
    )
    [run_after] = [
        run_after
        for args_kwargs, run_after in tasks
        if (json.loads(args_kwargs) if isinstance(args_kwargs, str) else args_kwargs)["kwargs"].get("message")
        == "reminder"
    ]
    assert str(run_after)[:16] < str(starts_at)[:16]  # queued for the day before, not sent now


def test_mail_outage_then_the_automatic_retry_delivers(site, mail_server):
    mail_server.stop()
    number, thanks = send_request(site)
    assert "What happens next" in thanks  # the visitor sees no error
    state, attempts, retry_scheduled = wait_for_state(site, number, "failed")
    assert attempts >= 1 and retry_scheduled
    mail_server.start()
    [staff_mail] = mail_server.inbox.wait_for(for_staff(number), timeout=60, what="the retried notification")
    assert_nothing_personal(staff_mail)
    wait_for_state(site, number, "sent")


def test_mail_outage_then_resend_notifications_delivers(site, mail_server):
    site.stop_process("worker")  # only the command delivers in this test
    mail_server.stop()
    number, _ = send_request(site)
    output = site.manage("resend_notifications", check=False)
    assert "Delivered 0 email(s); 1 failed." in output
    assert state_of(site, number)[0] == "failed"
    mail_server.start()
    output = site.manage("resend_notifications")
    assert "Delivered 1 email(s); 0 failed." in output
    [staff_mail] = mail_server.inbox.wait_for(for_staff(number), what="the resent notification")
    assert_nothing_personal(staff_mail)
    assert state_of(site, number)[0] == "sent"
    site.start_worker()
