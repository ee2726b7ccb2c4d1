"""End to end with a real mail server: the running site, its task worker and aiosmtpd.

A request arrives as a notification without personal data; with the mail server down the
visitor still sees the thank-you page, and once it is back the automatic retry, and
`resend_notifications`, deliver what was missed.
"""

import time

import pytest

from livesite import FormClient, LiveSite, MailServer, intake_answers

pytestmark = pytest.mark.slow

MIN_FILL_SECONDS = 1
STAFF = "intake@example.org"
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
