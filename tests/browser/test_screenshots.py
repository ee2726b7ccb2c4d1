"""`make screenshots` shows the site as a visitor who scrolled sees it: every image below the first
screen loaded and the heading font in, not blank cards (livesite/screenshots.py)."""

from livesite.screenshots import settle

NOT_LOADED = "[...document.images].filter((image) => !image.complete || image.naturalWidth === 0).length"


def test_a_screenshot_waits_for_every_image_and_the_font(live_site, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_site.url + "/blog/", wait_until="load")
    waiting = page.evaluate(NOT_LOADED)
    settle(page)
    assert page.evaluate(NOT_LOADED) == 0, f"{waiting} images were still to load before settling"
    assert page.locator("img").count() > 3
    assert page.evaluate("document.fonts.status") == "loaded"
