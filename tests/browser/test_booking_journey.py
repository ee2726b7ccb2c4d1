"""Booking the free call from start to end, as a person would, in Korean (issue 22): find a
Korean-speaking clinician in the finder, book her first free time, receive the confirmation at a
real mail server with a call.ics that names nothing but the practice's neutral sender, open its
link, move the call, and find exactly one call at the new time in the coordinator's agenda and
in the host's calendar feed.

The site is this test's own (it books, moves and sends mail), with its task worker and aiosmtpd.
"""

import re
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from livesite import LiveSite, MailServer
from tests.browser.test_admin_inbox import PASSWORD, sign_in
from tests.browser.test_booking import as_utc

MIN_FILL_SECONDS = 1
EMAIL = "jiwoo@example.com"
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def mail():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(mail):
    live = LiveSite(
        env={"EMAIL_URL": mail.url, "CONTACT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS)}, worker=True
    )
    live.start()
    yield live
    live.stop()


def instant(value):
    return datetime.strptime(value, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)


def fill_in_the_request(page):
    """The request's answers in Korean: email with consent, New Jersey by telehealth."""
    page.fill("#id_preferred_name", "지우")
    page.check("input[name=preferred_channel][value=email]")
    page.fill("#id_email", EMAIL)
    page.check("#id_consent_email")
    page.check("#id_client_type_0")
    page.check("#id_location_1")  # New Jersey, by telehealth: the times show
    page.check("#id_acknowledge_not_emergency")
    page.check("#id_acknowledge_privacy")


def live_calls(site, number):
    rows = site.query(
        "SELECT starts_at FROM booking_booking WHERE submission_id = ? AND status = 'live'", (number,)
    )
    return [as_utc(value) for (value,) in rows]


def test_a_korean_speaker_books_moves_and_finds_one_call_everywhere(site, mail, chromium):
    context = chromium.new_context(locale="ko-KR", timezone_id="Asia/Seoul")
    page = context.new_page()
    try:
        # The finder, in Korean: who speaks Korean, and her "Book a free 15-minute call".
        page.goto(site.url + "/ko/team/")
        page.select_option("select[name=language]", "korean")
        with page.expect_navigation():
            page.locator("form.finder__form button[type=submit]").click()
        card = page.locator(".card", has=page.locator("a[href*='clinician=grace-kim']"))
        assert "Grace Kim" in card.first.inner_text()
        with page.expect_navigation():
            card.first.locator("a[href*='/ko/contact/intake/?clinician=grace-kim']").click()
        loaded_at = time.monotonic()

        fill_in_the_request(page)
        first = page.locator(".time-picker__day input[type=radio]").first
        first.check()
        booked = instant(first.get_attribute("value"))
        time.sleep(max(0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - loaded_at)))
        with page.expect_navigation():
            page.click("form.contact-form button[type=submit]")
        assert "/ko/contact/thanks/" in page.url
        [(number,)] = site.query("SELECT MAX(id) FROM contact_submission")
        assert live_calls(site, number) == [booked]

        # The confirmation: in Korean, from the neutral sender, with call.ics.
        [confirmation] = mail.inbox.wait_for(lambda m: EMAIL in m["to"], what="the confirmation")
        message = confirmation["message"]
        [attachment] = list(message.iter_attachments())
        [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
        assert str(event["SUMMARY"]) == "WR Wellness 통화"  # "Call with WR Wellness"
        assert event.decoded("DTSTART") == booked
        for word in ("therapy", "Therapy", "치료", "상담", "Grace Kim", "지우"):
            assert word not in confirmation["raw"].replace(EMAIL, ""), word
        link = str(event["URL"])
        assert link.startswith(f"{site.url}/ko/contact/call/")

        # Her own page at the link: move the call to the next free time, no reason asked.
        page.goto(link)
        other = page.locator(".time-picker__day input[type=radio]").first
        moved_to = instant(other.get_attribute("value"))
        assert moved_to != booked
        other.check()
        with page.expect_navigation():
            page.locator("button[name=action][value=move]").click()
        assert page.get_by_role("status").is_visible()
        assert live_calls(site, number) == [moved_to]
    finally:
        context.close()

    # The coordinator's agenda: one call for the enquiry, at the new time.
    coordinator = f"intake-{uuid.uuid4().hex[:8]}"
    site.create_user(coordinator, PASSWORD, groups=["Intake coordinators"])
    staff = chromium.new_context().new_page()
    try:
        sign_in(staff, site, coordinator)
        staff.goto(site.url + "/admin/booking/agenda/")
        rows = staff.locator(
            "tr", has=staff.get_by_role("link", name=re.compile(rf"^Consultation #{number}\b"))
        )
        assert rows.count() == 1
        local = moved_to.astimezone(EASTERN)
        assert rows.first.locator("td").first.inner_text().startswith(local.strftime("%-I:%M %p"))
    finally:
        staff.context.close()

    # Grace Kim's calendar feed: the same one call, at the new time, with no name.
    output = site.shell(
        "from booking.models import ConsultationHost\n"
        "from booking.services import feed_token_ensure\n"
        "print(feed_token_ensure(ConsultationHost.objects.get(clinician__slug='grace-kim')))\n"
    )
    token = output.strip().splitlines()[-1]
    with urllib.request.urlopen(f"{site.url}/calendar/{token}.ics") as response:  # noqa: S310 - local site
        feed = Calendar.from_ical(response.read())
    mine = [event for event in feed.walk("VEVENT") if f"#{number} " in str(event["SUMMARY"])]
    assert [event.decoded("DTSTART") for event in mine] == [moved_to]
    assert "지우" not in feed.to_ical().decode() and EMAIL not in feed.to_ical().decode()
