"""The intake coordinator's day in a real browser: sign in, open an enquiry from the list,
change its status and add a note on the enquiry's own page, and see both there (axe runs on
the staff screens in test_accessibility.py)."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.enquiries import create_consultation_request

PASSWORD = "a-long-intake-password-for-tests"  # noqa: S105 - test account only


@pytest.fixture(scope="module")
def coordinator(live_site):
    username = f"intake-{uuid.uuid4().hex[:8]}"
    live_site.create_user(username, PASSWORD, groups=["Intake coordinators"])
    return username


@pytest.fixture
def enquiry(live_site):
    """A consultation request that agreed to voicemail only, as the intake form saves it."""
    return create_consultation_request(live_site, "Browser", evenings=True)


def sign_in(page, live_site, username):
    page.context.clear_cookies()
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_coordinator_changes_the_status_and_adds_a_note_inline(live_site, page, coordinator, enquiry):
    sign_in(page, live_site, coordinator)
    page.goto(live_site.url + "/admin/enquiries/")
    page.get_by_role("link", name=f"#{enquiry}", exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/enquiries/inspect/{enquiry}/$"))

    reach = page.locator("section", has=page.get_by_role("heading", name="How to reach them safely"))
    expect(reach.get_by_role("link", name=re.compile(r"browser-.*@example\.com"))).to_have_attribute(
        "href", re.compile(r"^mailto:")
    )
    expect(reach.get_by_role("link", name="201-555-0142")).to_have_attribute("href", "tel:+12015550142")
    expect(reach).to_contain_text("Weekday mornings, weekday evenings")

    status = page.locator("section", has=page.get_by_role("heading", name="Status and notes"))
    status.get_by_label("Status").select_option(label="Contacted")
    status.get_by_label("Add a note").fill("Left a voicemail with our neutral script.")
    with page.expect_navigation():
        status.get_by_role("button", name="Save status and note").click()

    assert page.url.endswith(f"/admin/enquiries/inspect/{enquiry}/")
    expect(page.get_by_text("Status changed to Contacted and note added.")).to_be_visible()
    status = page.locator("section", has=page.get_by_role("heading", name="Status and notes"))
    expect(status.get_by_label("Status")).to_have_value("contacted")
    expect(status.locator(".enquiry__note").first).to_contain_text(
        "Left a voicemail with our neutral script."
    )
    expect(status.locator(".enquiry__note").first).to_contain_text(coordinator)
