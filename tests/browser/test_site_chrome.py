"""The site frame in real Chromium: a compact header on a phone, the current section marked,
one calm crisis notice per screen, and calm form errors (axe runs in test_accessibility.py)."""

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
ARTICLE = "/blog/healing-from-trust-issues/"
SERVICE = "/services/individual-therapy-for-relationship-issues/"
CLINICIAN = "/team/anjali-mehta/"
CRISIS_LINKS = ["tel:988", "sms:988", "tel:18556546735", "tel:911"]


def box(locator):
    return locator.bounding_box()


def same_row(*boxes):
    """True when every box's vertical middle lies inside every other box's height."""
    return all(b["y"] <= a["y"] + a["height"] / 2 <= b["y"] + b["height"] for a in boxes for b in boxes)


def test_on_a_phone_brand_request_button_and_menu_share_one_short_row(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/")
    header = page.locator(".site-header")
    brand = header.locator(".site-brand")
    request = header.get_by_role("link", name="Free consultation")
    menu = header.locator(".main-nav summary")
    for part in (brand, request, menu):
        assert part.is_visible()
    assert request.get_attribute("href") == "/contact/intake/"
    assert box(header)["height"] < 64
    assert same_row(box(brand), box(request), box(menu))
    assert box(header)["width"] <= PHONE["width"]


def test_on_a_phone_a_call_link_is_always_at_the_top_beside_the_quick_exit(live_site, page):
    """No room in the header row for a fourth thing: the call link takes the quick-exit bar's
    empty side, which stays in reach while scrolling; the quick exit stays first for keyboards."""
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/blog/healing-from-trust-issues/")
    call = page.get_by_role("complementary", name="Call the practice").get_by_role("link")
    exit_button = page.get_by_role("link", name="Exit this page")
    assert call.is_visible() and call.get_attribute("href").startswith("tel:")
    assert same_row(box(call), box(exit_button))
    assert box(page.locator(".top-bar"))["height"] < 60  # one short row: nothing wraps
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    assert call.is_visible() and box(call)["y"] < 60  # sticky with the bar
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Exit this page"
    page.set_viewport_size(DESKTOP)
    assert not call.is_visible()  # a desktop shows the phone number in the footer


def test_opening_the_menu_keeps_the_button_size_and_offers_links_a_call_and_search(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/")
    menu = page.locator(".main-nav summary")
    closed = box(menu)
    menu.click()
    opened = box(menu)
    assert (opened["width"], opened["height"]) == (closed["width"], closed["height"])
    assert page.get_by_role("link", name="Our team").first.is_visible()
    call = page.locator('.site-header a[href^="tel:"]')
    assert call.is_visible() and call.get_attribute("href") == "tel:2015550142"
    search = page.get_by_role("searchbox", name="Search the site")
    assert search.is_visible()
    search.fill("anxiety")
    search.press("Enter")
    page.wait_for_url("**/search/?q=anxiety")


def test_on_a_desktop_the_header_is_one_row_and_search_folds_out_from_it(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/")
    header = page.locator(".site-header")
    request = header.get_by_role("link", name="Free consultation")
    search_button = header.locator(".header-search summary")
    first_link = header.locator(".main-nav__list--wide a").first
    assert request.is_visible() and search_button.is_visible() and first_link.is_visible()
    assert same_row(box(header.locator(".site-brand")), box(request), box(search_button), box(first_link))
    assert box(header)["height"] < 80
    search_button.click()
    search = header.get_by_role("searchbox", name="Search the site")
    assert search.is_visible()
    assert box(header)["height"] < 80, "the search panel opens over the page, not inside the header"
    search.fill("Korean")
    search.press("Enter")
    page.wait_for_url("**/search/?q=Korean")


@pytest.mark.parametrize(
    ("path", "section", "current"),
    [
        (ARTICLE, "Blog", "true"),
        ("/blog/category/managing-stress/", "Blog", "true"),
        ("/blog/", "Blog", "page"),
        (SERVICE, "Services", "true"),
        (CLINICIAN, "Our team", "true"),
        ("/contact/", "Contact", "page"),
        ("/contact/intake/", "Contact", "true"),
    ],
)
def test_the_current_section_is_marked_in_the_menu(live_site, page, path, section, current):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + path)
    menu = page.locator(".main-nav__list--wide")
    link = menu.get_by_role("link", name=section, exact=True)
    assert link.get_attribute("aria-current") == current
    assert menu.locator("[aria-current]").count() == 1
    # The marking is visible, not only announced: it differs from an unmarked link.
    other = menu.locator("a:not([aria-current])").first
    style = "(a) => getComputedStyle(a).boxShadow + getComputedStyle(a).backgroundColor"
    assert link.evaluate(style) != other.evaluate(style)


def test_every_crisis_line_in_the_footer_is_a_link(live_site, page):
    page.goto(live_site.url + "/")
    notice = page.locator("footer .crisis-notice")
    assert notice.count() == 1
    hrefs = notice.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs == CRISIS_LINKS


@pytest.mark.parametrize("path", ["/contact/", "/contact/intake/", "/contact/thanks/?sent=contact"])
def test_the_forms_and_thank_you_page_show_the_notice_once(live_site, page, path):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + path)
    notices = page.locator(".crisis-notice")
    assert notices.count() == 1
    assert page.locator("main .crisis-notice").count() == 1
    hrefs = notices.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs == CRISIS_LINKS
    # As wide as the text column it sits in, never wider than the form below it.
    form = page.locator("form.contact-form")
    if form.count():
        assert box(notices)["width"] <= box(form)["width"] + 1


@pytest.mark.parametrize("path", ["/contact/", "/contact/intake/"])
def test_the_error_state_is_calm_and_clean(live_site, page, path):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + path)
    with page.expect_navigation():
        page.click("form.contact-form button[type=submit]")
    summary = page.locator("#error-summary")
    heading = summary.get_by_role("heading")
    assert heading.inner_text().startswith("Please check")
    weight = "(el) => Number(getComputedStyle(el).fontWeight)"
    assert summary.get_by_role("link").first.evaluate(weight) < 600
    # The summary is the first thing under the heading: the notice waits below the form's start.
    assert box(summary)["y"] < box(page.locator("main .crisis-notice"))["y"]
    # Grouped answers get a straight marker, not a rounded red bar.
    group = page.locator("fieldset.field--error").first
    assert group.evaluate("(el) => getComputedStyle(el).borderTopLeftRadius") in ("0px", "")


@pytest.mark.parametrize("path", ["/contact/thanks/?sent=contact", "/nope/"])
def test_no_empty_band_above_the_footer(live_site, page, path):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + path)
    gap = page.evaluate(
        """() => {
            const footer = document.querySelector('footer').getBoundingClientRect().top;
            const last = [...document.querySelectorAll('main *')]
                .filter((el) => el.getClientRects().length && el.children.length === 0)
                .map((el) => el.getBoundingClientRect().bottom);
            return footer - Math.max(...last);
        }"""
    )
    assert gap <= 80, f"{gap}px of empty space above the footer"
