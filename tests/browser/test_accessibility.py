"""The accessibility matrix: axe (WCAG 2.0-2.2 A and AA rules and axe's best practices) once on
every public page type, every state only an interaction reaches, the Korean and Hindi pages and
forms, and the staff screens, at a phone's width (390) and a desktop's (1440).

No other browser test runs axe: layout and behaviour tests assert what they are about, and a
page or state joins this list once, named `<screen>-<width>` (e.g. `contact-error-1440`). A state
is reached by a small named setup that also checks it was reached, so axe never passes on the
wrong page; a state that only exists at one width (the phone menu, the desktop header search)
is checked at that width only.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.enquiries import book_calls, create_consultation_request

PHONE, DESKTOP = 390, 1440
WIDTHS = (PHONE, DESKTOP)
HEIGHTS = {PHONE: 844, DESKTOP: 900}
PASSWORD = "a-long-intake-password-for-tests"  # noqa: S105 - test account only


# Setups: each takes the loaded page to one state and checks that it got there.


def as_loaded(page):
    """The page as it arrives, nothing touched."""


def scrolled_to_the_end(page):
    """Scrolled to the end, where the sticky top bar (quick exit, call link) sits over the text."""
    page.evaluate("() => window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    assert page.evaluate(
        "() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1"
    )


def choose(page, *selectors):
    """Ticks each radio button or checkbox, then scrolls back to the top: axe's target-size rule
    counts a control passing under the sticky top bar as covered, so its answer would otherwise
    depend on where the last click happened to leave the page."""
    for selector in selectors:
        page.check(selector)
    page.evaluate("() => window.scrollTo({top: 0, behavior: 'instant'})")


def phone_menu_open(page):
    page.locator(".main-nav summary").click()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()


def header_search_open(page):
    page.locator(".site-header .header-search summary").click()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()


def submitted_empty(page):
    """The form sent with nothing filled in: the server's answer, with its error summary."""
    with page.expect_navigation():
        page.click("form.contact-form button[type=submit]")
    expect(page.locator("#error-summary")).to_be_visible()


def clinician_preselected_and_texts_chosen(page):
    """Intake from a clinician's page, with text messages as the first channel: the clinician is
    chosen from the address and the texting consent becomes required."""
    assert page.input_value("#id_clinician") == "grace-kim"
    choose(page, "#id_preferred_channel_2")
    expect(page.locator("#id_consent_text")).to_be_visible()


def help_us_prepare_open(page):
    """The consultation request's optional questions unfolded."""
    page.locator("details.form-more > summary").click()
    expect(page.locator("#id_payment_0")).to_be_visible()


def self_pay_chosen(page):
    help_us_prepare_open(page)
    choose(page, "#id_payment_1")
    expect(page.locator("#good-faith-estimate-notice")).to_be_visible()


def insurance_chosen(page):
    help_us_prepare_open(page)
    choose(page, "#id_payment_0")
    expect(page.locator("#id_insurance_carrier")).to_be_visible()


def another_state_and_a_child_chosen(page):
    choose(page, "#id_location_2", "#id_client_type_1")
    expect(page.locator("#other-state-notice")).to_be_visible()
    expect(page.locator("#guardian-details")).to_be_visible()


def times_shown_and_one_chosen(page):
    """In New Jersey: the free times appear, grouped by day, and the visitor picks the first."""
    choose(page, "#id_location_0")
    expect(page.locator("#consultation-times")).to_be_visible()
    choose(page, ".time-picker__day input[type=radio] >> nth=0")


def chosen_time_taken(page):
    """A request sent for a time that is no longer free (as from a page left open since
    yesterday): the form comes back with the answers, the calm message and the nearest times."""
    page.fill("#id_preferred_name", "Axe Person")
    choose(page, "#id_preferred_channel_1", "#id_client_type_0", "#id_location_0")
    page.fill("#id_phone", "201-555-0142")
    choose(page, "#id_consent_voicemail", "#id_acknowledge_not_emergency", "#id_acknowledge_privacy")
    choose(page, ".time-picker__day input[type=radio] >> nth=0")
    page.locator(".time-picker__day input[type=radio]:checked").evaluate(
        "radio => radio.value = '20000103T1500Z'"
    )
    page.wait_for_timeout(3100)  # the form's "too fast to be a person" check
    with page.expect_navigation():
        page.click("form.contact-form button[type=submit]")
    expect(page.locator("#id_consultation_time_error")).to_contain_text("That time was just taken")
    expect(page.locator(".time-picker__day").first).to_be_visible()


def call_shown(page):
    """A booked call's own page, at the link in its confirmation: its time and both actions."""
    expect(page.locator(".lead")).to_contain_text("Grace Kim")
    expect(page.locator(".time-picker__day").first).to_be_visible()


def call_time_taken(page):
    """A new time that went to someone else meanwhile: the calm message and the nearest times."""
    choose(page, ".time-picker__day input[type=radio] >> nth=0")
    page.locator(".time-picker__day input[type=radio]:checked").evaluate(
        "radio => radio.value = '20000103T1500Z'"
    )
    with page.expect_navigation():
        page.click("button[value=move]")
    expect(page.locator("#id_consultation_time_error")).to_contain_text("That time was just taken")
    expect(page.locator(".time-picker__day").first).to_be_visible()


def call_cancelled(page):
    with page.expect_navigation():
        page.click("button[value=cancel]")
    expect(page.locator("h1")).to_have_text("Your call is cancelled")


def finder_results_shown(page):
    expect(page.locator(".card-grid .card__title").first).to_be_visible()


def finder_empty_state_shown(page):
    expect(page.get_by_role("status")).to_have_text("No clinician matches all of these choices.")


def finder_open_with_chips(page):
    """Two choices made: their chips beside the count, and the folded finder opened (a phone
    shows it closed), so its fields are checked too."""
    expect(page.locator(".finder__chip")).to_have_count(2)
    if not page.locator("details.finder").evaluate("details => details.open"):
        page.locator(".finder__summary").click()
    expect(page.locator("#id_language")).to_be_visible()


def every_disclosure_open(page):
    """Wagtail's folded panels opened, so what they hold is checked too (the first closed one
    each time: opening one changes which of the rest are still closed)."""
    closed = page.locator("details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()


@dataclass(frozen=True)
class Screen:
    """One page, or one state of a page, that axe checks at each of `widths`."""

    name: str
    path: str
    setup: Callable = as_loaded
    widths: tuple = WIDTHS
    status: int = 200


PUBLIC = [
    Screen("home", "/"),
    Screen("phone-menu", "/", phone_menu_open, widths=(PHONE,)),
    Screen("header-search", "/", header_search_open, widths=(DESKTOP,)),
    Screen("services", "/services/"),
    Screen("service", "/services/anxiety-therapy/"),
    Screen("service-with-approaches", "/services/individual-therapy-for-relationship-issues/"),
    Screen("team", "/team/"),
    Screen("finder-results", "/team/?who=couple", finder_results_shown),
    Screen("finder-empty", "/team/?language=korean&who=couple", finder_empty_state_shown),
    Screen("finder-chips", "/team/?language=korean&format=telehealth", finder_open_with_chips),
    Screen("clinician", "/team/anjali-mehta/"),
    Screen("clinician-caseload-full", "/team/nia-okafor/"),
    Screen("fees", "/fees-and-insurance/"),
    Screen("location", "/location/"),
    Screen("accessibility", "/accessibility/"),
    Screen("about-scrolled", "/about/", scrolled_to_the_end),
    Screen("search", "/search/?q=therapy"),
    Screen("not-found", "/no-such-page/", status=404),
    Screen("blog", "/blog/"),
    Screen("category", "/blog/category/managing-stress/"),
    Screen("tag", "/blog/tag/trust/"),
    Screen("article", "/blog/healing-from-trust-issues/"),
    Screen("article-with-invitation", "/blog/setting-boundaries-with-family/"),
    Screen("contact", "/contact/"),
    Screen("contact-error", "/contact/", submitted_empty),
    Screen("intake", "/contact/intake/"),
    Screen("intake-error", "/contact/intake/", submitted_empty),
    Screen(
        "intake-clinician-by-text",
        "/contact/intake/?clinician=grace-kim",
        clinician_preselected_and_texts_chosen,
    ),
    Screen("intake-self-pay", "/contact/intake/", self_pay_chosen),
    Screen("intake-insurance", "/contact/intake/", insurance_chosen),
    Screen("intake-other-state-child", "/contact/intake/", another_state_and_a_child_chosen),
    Screen("intake-times", "/contact/intake/", times_shown_and_one_chosen),
    Screen("intake-time-taken", "/contact/intake/", chosen_time_taken),
    Screen("thanks-contact", "/contact/thanks/?sent=contact"),
    Screen("thanks-consultation", "/contact/thanks/?sent=consultation"),
]

TRANSLATED = [
    Screen(f"{language}-{name}", f"/{language}{path}", setup)
    for language in ("ko", "hi")
    for name, path, setup in [
        ("home", "/", as_loaded),
        ("contact", "/contact/", as_loaded),
        ("contact-error", "/contact/", submitted_empty),
        ("intake", "/contact/intake/", as_loaded),
        ("intake-error", "/contact/intake/", submitted_empty),
        ("intake-times", "/contact/intake/", times_shown_and_one_chosen),
        ("team-in-english", "/team/", as_loaded),  # not translated: the English with the note
        ("finder-chips", "/team/?language=korean&format=telehealth", finder_open_with_chips),
    ]
]

# A booked call's own page, at the link in its confirmation; {call} is the link of a call booked
# for the test. A link that does not work needs no call.
CALLS = [
    Screen("call", "{call}", call_shown),
    Screen("call-time-taken", "{call}", call_time_taken),
    Screen("call-cancelled", "{call}", call_cancelled),
    Screen("call-link-broken", "/contact/call/not-a-real-link/", status=404),
    Screen("ko-call", "/ko{call}"),
    Screen("hi-call", "/hi{call}"),
]

# The intake coordinator's screens, Wagtail's own chrome included; {enquiry} is one enquiry's id.
STAFF = [
    Screen("staff-enquiry", "/admin/enquiries/inspect/{enquiry}/", every_disclosure_open),
    Screen("staff-enquiries", "/admin/enquiries/", every_disclosure_open),
    Screen("staff-dashboard", "/admin/", every_disclosure_open),
    Screen("staff-readership", "/admin/readership/", every_disclosure_open),
    # {call} is the enquiry's booked call, {host} its host (with a calendar feed address).
    Screen("staff-agenda", "/admin/booking/agenda/"),
    Screen("staff-agenda-move", "/admin/booking/agenda/move/{call}/"),
    Screen("staff-agenda-cancel", "/admin/booking/agenda/cancel/{call}/"),
    Screen("staff-host-feed", "/admin/booking/hosts/edit/{host}/"),
]


def matrix(screens):
    """(screen, width) pairs with readable ids, e.g. `contact-error-1440`."""
    return [
        pytest.param(screen, width, id=f"{screen.name}-{width}")
        for screen in screens
        for width in screen.widths
    ]


def check(page, url, screen, width):
    """Open `url` at `width`, bring it to the screen's state, and run axe on it once."""
    page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
    response = page.goto(url)
    assert response.status == screen.status, url
    screen.setup(page)
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("screen", "width"), matrix(PUBLIC))
def test_public_screen_has_no_axe_violations(live_site, page, screen, width):
    check(page, live_site.url + screen.path, screen, width)


@pytest.fixture(scope="module")
def staff_cookies(live_site, chromium):
    """A signed-in intake coordinator's cookies: signing in once serves every staff screen."""
    username = f"intake-axe-{uuid.uuid4().hex[:8]}"
    live_site.create_user(username, PASSWORD, groups=["Intake coordinators"])
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(live_site.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
        page.wait_for_url(re.compile(r"/admin/$"))
        return context.cookies()
    finally:
        context.close()


@pytest.fixture(scope="module")
def enquiry(live_site):
    """A consultation request, as the intake form saves it, for the enquiry page to show."""
    return create_consultation_request(live_site, "Axe")


@pytest.fixture(scope="module")
def booked_call(live_site, enquiry):
    """The enquiry's call, booked at the soonest free time (within the agenda's 8 days), and
    its host with a calendar feed address: their numbers."""
    output = live_site.shell(
        "from booking.models import ConsultationHost\n"
        "from booking.services import book, feed_token_ensure, free_times\n"
        "from contact.models import Submission\n"
        "slot = free_times()[0]\n"
        "host = ConsultationHost.objects.get(pk=slot.host_id)\n"
        f"call = book(host=host, start=slot.start, submission=Submission.objects.get(pk={enquiry}))\n"
        "feed_token_ensure(host)\n"
        "print(call.pk, host.pk)\n"
    )
    call, host = output.strip().splitlines()[-1].split()
    return {"call": call, "host": host}


@pytest.fixture(scope="module")
def call_links(live_site):
    """One booked call for each call screen and width that needs one (each may cancel it)."""
    return book_calls(live_site, sum(len(screen.widths) for screen in CALLS if "{call}" in screen.path))


@pytest.mark.parametrize(("screen", "width"), matrix(CALLS))
def test_call_screen_has_no_axe_violations(live_site, page, call_links, screen, width):
    path = screen.path.format(call=call_links.pop() if "{call}" in screen.path else "")
    check(page, live_site.url + path, screen, width)


@pytest.mark.parametrize(("screen", "width"), matrix(STAFF))
def test_staff_screen_has_no_axe_violations(
    live_site, page, staff_cookies, enquiry, booked_call, screen, width
):
    page.context.add_cookies(staff_cookies)
    check(page, live_site.url + screen.path.format(enquiry=enquiry, **booked_call), screen, width)


# Last in the module on purpose: once `translated` has published the Korean article, the rest
# of this module's tests on the worker would see it too.
@pytest.mark.parametrize(("screen", "width"), matrix(TRANSLATED))
def test_translated_screen_has_no_axe_violations(translated, page, screen, width):
    check(page, translated.url + screen.path, screen, width)
    assert page.locator("html").get_attribute("lang") == screen.path.split("/")[1]
