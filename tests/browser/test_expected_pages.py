"""The pages a practice is expected to have, in real Chromium: no axe violations (WCAG 2.2 AA and
axe's best-practice rules) on a phone and a desktop, and the location page loads nothing from
another origin (the `page` fixture fails the test on any such request)."""

import pytest

from tests.browser.axe import assert_no_axe_violations

PAGES = {
    "location": "/location/",
    "accessibility statement": "/accessibility/",
    "fees with carriers and sliding scale": "/fees-and-insurance/",
}
WIDTHS = (390, 1440)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_expected_page_has_no_axe_violations(live_site, page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_site.url + url)
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)


def test_the_map_link_and_the_client_portal_link_are_plain_links_out(live_site, page):
    page.goto(live_site.url + "/location/")
    assert page.locator("iframe").count() == 0
    map_link = page.get_by_role("link", name="Open in a map")
    assert map_link.get_attribute("href").startswith("https://")
    portal = page.get_by_role("link", name="Client portal (opens the practice’s client portal)")
    assert "noopener" in portal.get_attribute("rel")
