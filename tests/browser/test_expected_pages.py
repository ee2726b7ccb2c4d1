"""The pages a practice is expected to have, in real Chromium: the location page loads nothing from
another origin (the `page` fixture fails the test on any such request) and links out plainly
(axe runs on these pages in test_accessibility.py)."""


def test_the_map_link_and_the_client_portal_link_are_plain_links_out(live_site, page):
    page.goto(live_site.url + "/location/")
    assert page.locator("iframe").count() == 0
    map_link = page.get_by_role("link", name="Open in a map")
    assert map_link.get_attribute("href").startswith("https://")
    portal = page.get_by_role("link", name="Client portal", exact=True)
    assert portal.get_attribute("aria-describedby")
    assert "noopener" in portal.get_attribute("rel")
