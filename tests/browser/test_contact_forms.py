"""The contact and consultation request forms in real Chromium: keyboard only, a failed
submission that leads to its fields, progressive disclosure with and without JavaScript (axe
runs on each of these states in test_accessibility.py)."""

import time

import pytest

MIN_FILL_SECONDS = 3  # the site's default minimum time between loading and sending a form


def tab_to(page, selector, max_tabs=80):
    """Press Tab until the element matching `selector` has focus (as a keyboard user would)."""
    for _ in range(max_tabs):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def wait_out_minimum_time(loaded_at):
    remaining = MIN_FILL_SECONDS + 0.3 - (time.monotonic() - loaded_at)
    if remaining > 0:
        time.sleep(remaining)


def test_contact_form_completed_with_the_keyboard_alone(live_site, page):
    page.goto(live_site.url + "/contact/")
    loaded_at = time.monotonic()
    tab_to(page, "#id_preferred_name")
    page.keyboard.type("Keyboard Visitor")
    tab_to(page, "#id_preferred_channel_0")
    page.keyboard.press("Space")  # Email: its field follows
    tab_to(page, "#id_email")
    page.keyboard.type("keyboard@example.com")
    tab_to(page, "#id_message")
    page.keyboard.type("Do you offer evening sessions?")
    tab_to(page, "#id_acknowledge_not_emergency")
    page.keyboard.press("Space")
    tab_to(page, "#id_acknowledge_privacy")
    page.keyboard.press("Space")
    tab_to(page, "form.contact-form button[type=submit]")
    wait_out_minimum_time(loaded_at)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/contact/thanks/?sent=contact&" in page.url
    assert page.get_by_role("heading", name="What happens next").is_visible()


def test_consultation_request_completed_with_the_keyboard_alone(live_site, page):
    page.goto(live_site.url + "/contact/intake/")
    loaded_at = time.monotonic()
    tab_to(page, "#id_preferred_name")
    page.keyboard.type("Keyboard Client")
    tab_to(page, "#id_preferred_channel_0")
    page.keyboard.press("ArrowDown")  # Email -> Phone call
    assert page.is_checked("#id_preferred_channel_1")
    tab_to(page, "#id_phone")
    page.keyboard.type("201-555-0142")
    tab_to(page, "#id_consent_voicemail")
    page.keyboard.press("Space")
    tab_to(page, "#id_client_type_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_location_0")
    page.keyboard.press("ArrowDown")  # New Jersey by telehealth
    assert page.is_checked("#id_location_1")
    tab_to(page, "form.contact-form details.form-more > summary")
    page.keyboard.press("Enter")  # opens "Help us prepare"
    tab_to(page, "#id_service")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_session_format_0")
    page.keyboard.press("ArrowDown")  # Telehealth
    tab_to(page, "#id_payment_0")
    page.keyboard.press("ArrowDown")  # Self-pay
    assert page.locator("#good-faith-estimate-notice").is_visible()
    tab_to(page, "#id_acknowledge_not_emergency")
    page.keyboard.press("Space")
    tab_to(page, "#id_acknowledge_privacy")
    page.keyboard.press("Space")
    tab_to(page, "form.contact-form button[type=submit]")
    wait_out_minimum_time(loaded_at)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/contact/thanks/?sent=consultation&" in page.url
    assert "within two business days" in page.inner_text("main")


def fill_what_the_page_marks_required(page):
    """Answer every control the page currently marks required, as a visitor following the page
    would (a ticked box, the first choice of a group, a plausible value), and nothing else."""
    values = {"email": "one.pass@example.com", "tel": "201-555-0188"}
    for _ in range(40):
        invalid = page.locator("form.contact-form :is(input, select, textarea):invalid")
        if not invalid.count():
            return
        control = invalid.first
        kind = control.get_attribute("type")
        if kind in ("checkbox", "radio"):
            control.check()
        else:
            control.fill(values.get(kind, "One Pass"))
    raise AssertionError("the page kept asking for more answers")


@pytest.mark.parametrize(
    ("channel", "needs"), [("0", "#id_consent_email"), ("1", None), ("2", "#id_consent_text")]
)
def test_choosing_each_channel_and_answering_what_is_marked_goes_through_in_one_pass(
    live_site, page, channel, needs
):
    page.goto(live_site.url + "/contact/intake/")
    loaded_at = time.monotonic()
    page.check(f"#id_preferred_channel_{channel}")  # Email, Phone call, Text message
    if needs:
        assert "(required)" in page.locator(f"label[for={needs[1:]}]").inner_text()
        assert page.locator(needs).evaluate("(box) => box.required")
    fill_what_the_page_marks_required(page)
    wait_out_minimum_time(loaded_at)
    with page.expect_navigation():
        page.click("form.contact-form button[type=submit]")
    assert "/contact/thanks/?sent=consultation&" in page.url, page.inner_text("#error-summary")


def test_clinician_in_the_link_is_preselected(live_site, page):
    page.goto(live_site.url + "/contact/intake/?clinician=grace-kim")
    assert page.input_value("#id_clinician") == "grace-kim"


@pytest.mark.parametrize("path", ["/contact/", "/contact/intake/"])
def test_a_failed_submission_announces_its_summary_whose_links_lead_to_the_fields(live_site, page, path):
    page.goto(live_site.url + path)
    with page.expect_navigation():
        page.click("form.contact-form button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    # The summary takes focus so it is announced, and each entry leads to its field.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error:")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_preferred_name"


def test_service_in_the_link_is_preselected(live_site, page):
    page.goto(live_site.url + "/contact/intake/?service=anxiety-therapy")
    assert page.input_value("#id_service") == "anxiety-therapy"


def test_self_pay_reveals_the_good_faith_estimate_notice(live_site, page):
    page.goto(live_site.url + "/contact/intake/")
    page.get_by_text("Help us prepare").click()
    notice = page.locator("#good-faith-estimate-notice")
    assert notice.is_hidden()
    page.check("#id_payment_1")  # Self-pay
    assert notice.is_visible()
    assert "Good Faith Estimate" in notice.inner_text()
    assert notice.get_by_role("link", name="Read the Good Faith Estimate notice").is_visible()
    page.check("#id_payment_0")  # Insurance
    assert notice.is_hidden()
    assert page.locator("#id_insurance_carrier").is_visible()


def test_other_state_and_child_show_their_follow_ups(live_site, page):
    page.goto(live_site.url + "/contact/intake/")
    assert page.locator("#other-state-notice").is_hidden()
    assert page.locator("#guardian-details").is_hidden()
    page.check("#id_location_2")
    assert page.locator("#other-state-notice").is_visible()
    page.check("#id_client_type_1")
    assert page.locator("#id_guardian_name").is_visible()


def test_without_javascript_every_notice_is_on_the_page(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/contact/intake/")
        page.get_by_text("Help us prepare").click()  # a native fold: no script needed
        for selector in ("#good-faith-estimate-notice", "#other-state-notice", "#guardian-details"):
            assert page.locator(selector).is_visible(), selector
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "channel", "marked"),
    [
        ("/ko/contact/", "0", "label[for=id_email]"),
        ("/hi/contact/intake/", "2", "label[for=id_consent_text]"),
    ],
)
def test_the_required_marker_speaks_the_page_language(live_site, page, path, channel, marked):
    page.goto(live_site.url + path)
    page.check(f"#id_preferred_channel_{channel}")  # Email, or a text message
    assert page.locator(f"{marked} .field__required").is_visible()
    assert "(required)" not in page.inner_text("main")


def test_the_consultation_request_is_short_on_a_phone_until_help_us_prepare_is_opened(live_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_site.url + "/contact/intake/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 3500, height
    assert page.locator("#id_payment_0").is_hidden()
    page.get_by_text("Help us prepare").click()
    assert page.locator("#id_payment_0").is_visible()
    assert page.evaluate("document.documentElement.scrollHeight") > height


def test_the_contact_form_asks_how_to_reach_first_then_shows_only_that_detail(live_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_site.url + "/contact/")
    email, phone = page.locator("#id_email"), page.locator("#id_phone")
    assert email.is_hidden() and phone.is_hidden()
    page.check("#id_preferred_channel_0")  # Email
    assert email.is_visible() and phone.is_hidden()
    assert "(required)" in page.locator("label[for=id_email]").inner_text()
    below = page.locator("#id_preferred_channel_2").bounding_box()
    assert email.bounding_box()["y"] > below["y"]  # the detail follows the question
    page.check("#id_preferred_channel_2")  # Text message
    assert phone.is_visible() and email.is_hidden()
    assert page.locator("#id_email_receipt").is_hidden()  # a receipt goes with an email address


def test_without_javascript_the_contact_form_shows_both_details_and_says_which_is_needed(live_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/contact/")
        assert page.locator("#id_email").is_visible() and page.locator("#id_phone").is_visible()
        page.check("#id_preferred_channel_2")  # Text message, and no phone number
        with page.expect_navigation():
            page.click("form.contact-form button[type=submit]")
        assert "please add your phone number" in page.inner_text("#error-summary")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/contact/", "/contact/intake/"])
def test_prefer_to_talk_comes_before_the_form_and_beside_it_on_a_desktop(live_site, page, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_site.url + path)
    talk, form = page.locator(".form-aside--talk"), page.locator("form.contact-form")
    assert talk.get_by_role("link").first.get_attribute("href").startswith("tel:")
    assert talk.bounding_box()["y"] + talk.bounding_box()["height"] <= form.bounding_box()["y"]
    page.set_viewport_size({"width": 1440, "height": 900})
    side = talk.bounding_box()
    assert side["x"] >= form.bounding_box()["x"] + form.bounding_box()["width"]
    assert side["y"] < form.bounding_box()["y"] + form.bounding_box()["height"]
    steps = page.get_by_role("heading", name="What happens next")
    assert steps.is_visible() and steps.bounding_box()["x"] >= side["x"]
