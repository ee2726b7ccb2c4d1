"""The public pages in real Chromium: keyboard, and what every page carries (axe runs in
test_accessibility.py)."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from urllib.request import urlopen


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
    with urlopen(base + "/sitemap.xml") as response:  # noqa: S310 - local live site
        root = ET.fromstring(response.read())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [urlsplit(el.text).path for el in root.findall("s:url/s:loc", ns)]


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
