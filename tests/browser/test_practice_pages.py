"""The public pages in real Chromium: keyboard, and what every page carries (axe runs in
test_accessibility.py)."""

import re
from urllib.parse import urlsplit
from urllib.request import urlopen

from tests.sitemaps import sitemap_locs


def test_first_tab_reaches_the_skip_link_and_it_moves_focus_to_main(live_site, page):
    page.goto(live_site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_mobile_menu_opens_with_the_keyboard(live_site, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_site.url + "/")
    page.locator(".main-nav summary").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Our team").first.is_visible()


def sitemap_paths(base):
    """The path of every address in the sitemap's sections (the index at /sitemap.xml)."""

    def read(path):
        with urlopen(base + path) as response:  # noqa: S310 - local live site
            return response.read()

    return [urlsplit(loc).path for loc in sitemap_locs(read)]


def test_every_sitemap_page_has_one_h1_title_description_and_crisis_notice(live_site, page):
    paths = sitemap_paths(live_site.url)
    assert len(paths) >= 12
    for path in paths:
        response = page.goto(live_site.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert re.search(r"\S", page.title()), path
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description and len(description) > 20, path
        footer = page.locator("footer").inner_text()
        assert "988" in footer and "1-855-654-6735" in footer, path
