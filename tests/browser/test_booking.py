"""Booking the free call as a person would, in a real browser with JavaScript off: the
server-rendered times are enough, to book a time and, from the confirmation's link, to move or
cancel it (issue 22)."""

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from booking import links
from tests.browser.enquiries import book_calls


def test_a_korean_speaking_clinicians_first_free_time_is_booked_with_javascript_off(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/contact/intake/?clinician=grace-kim")
        loaded_at = time.monotonic()
        assert page.input_value("#id_clinician") == "grace-kim"
        assert "Eastern Time" in page.inner_text("#consultation-times")
        page.fill("#id_preferred_name", "No Script Person")
        page.check("#id_preferred_channel_1")  # a phone call
        page.fill("#id_phone", "201-555-0161")
        page.check("#id_consent_voicemail")
        page.check("#id_client_type_0")
        page.check("#id_location_1")  # New Jersey, by telehealth
        first = page.locator(".time-picker__day input[type=radio]").first
        first.check()
        chosen = datetime.strptime(first.get_attribute("value"), "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
        page.check("#id_acknowledge_not_emergency")
        page.check("#id_acknowledge_privacy")
        time.sleep(max(0, 3.2 - (time.monotonic() - loaded_at)))  # the form's "too fast" check
        with page.expect_navigation():
            page.click("form.contact-form button[type=submit]")
        assert "/contact/thanks/?sent=consultation&" in page.url
    finally:
        context.close()
    # Found by host and time: the enquiry's name is encrypted in the database.
    rows = live_site.query(
        "SELECT b.starts_at FROM booking_booking b"
        " JOIN booking_consultationhost h ON h.id = b.host_id"
        " JOIN wagtailcore_page p ON p.id = h.clinician_id"
        " WHERE p.slug = 'grace-kim' AND b.status = 'live' AND b.submission_id IS NOT NULL"
    )
    assert [as_utc(start) for (start,) in rows].count(chosen) == 1


def test_a_booked_call_is_moved_then_cancelled_from_its_link_with_javascript_off(live_site, chromium):
    path = book_calls(live_site, 1)[0]
    booked = live_calls_of(live_site, path)
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + path)
        expect(page.locator(".lead")).to_contain_text("Eastern Time, with Grace Kim")
        first = page.locator(".time-picker__day input[type=radio]").first
        chosen = datetime.strptime(first.get_attribute("value"), "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
        first.check()
        with page.expect_navigation():
            page.click("button[value=move]")
        expect(page.get_by_role("status")).to_have_text("Your call is moved. Here is its new time.")
        assert live_calls_of(live_site, path) == [chosen] != booked
        with page.expect_navigation():
            page.click("button[value=cancel]")
        expect(page.locator("h1")).to_have_text("Your call is cancelled")
        assert live_calls_of(live_site, path) == []
        # Leaving by its link names the site at most, never the address with its token.
        with page.expect_request(lambda request: request.url.endswith("/contact/intake/")) as leaving:
            page.get_by_role("link", name="request a free consultation").click()
        assert leaving.value.all_headers().get("referer", live_site.url + "/") == live_site.url + "/"
        assert page.goto(live_site.url + path).status == 410
        expect(page.locator("h1")).to_have_text("This call is cancelled")
    finally:
        context.close()


def live_calls_of(live_site, path):
    """The live starts of the enquiry whose link is `path` (its token names the enquiry, signed
    with the live site's key, which is the tests' own)."""
    number, _ = links.signer().unsign_object(path.rstrip("/").rsplit("/", 1)[1])
    rows = live_site.query(
        "SELECT starts_at FROM booking_booking WHERE submission_id = ? AND status = 'live'", (number,)
    )
    return [as_utc(start) for (start,) in rows]


def as_utc(value):
    """A stored start as PostgreSQL (an aware datetime) or SQLite (UTC text) returns it."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def offered_times(live_site, chromium, zone):
    """(label, UTC instant) of the first free times on Grace Kim's request, read in `zone`."""
    context = chromium.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/contact/intake/?clinician=grace-kim")
        page.check("#id_location_1")  # New Jersey, by telehealth: the times show
        radios = page.locator(".time-picker__day input[type=radio]")
        labels = page.locator(".time-picker__day label")
        return [
            (" ".join(labels.nth(n).inner_text().split()), radios.nth(n).get_attribute("value"))
            for n in range(3)
        ]
    finally:
        context.close()


def test_a_visitor_in_another_zone_sees_her_own_time_beside_each_eastern_time(live_site, chromium):
    eastern = offered_times(live_site, chromium, "America/New_York")
    pacific = offered_times(live_site, chromium, "America/Los_Angeles")
    assert [value for _, value in pacific] == [value for _, value in eastern]
    for (label, value), (eastern_label, _) in zip(pacific, eastern, strict=True):
        start = datetime.strptime(value, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
        local = start.astimezone(ZoneInfo("America/Los_Angeles"))
        zone = local.tzname()  # PST or PDT, as the browser abbreviates it in English
        assert label == f"{eastern_label} ({local:%-I:%M %p} {zone}, your time)"
    # On the practice's own clock nothing is added.
    assert all("your time" not in label for label, _ in eastern)
