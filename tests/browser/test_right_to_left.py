"""A right-to-left language (Urdu, say) needs no redesign: the CSS is written in logical
properties, so with `dir="rtl"` the layout mirrors and nothing overlaps or leaves the screen."""

import pytest

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# The rows and grids whose items sit side by side: in either direction, none may overlap another.
ROWS = [
    ".top-bar",
    ".site-header__inner",
    ".page-layout",
    ".card-grid",
    ".site-footer .container",
    ".breadcrumbs ol",
]

OVERLAPS = """(selectors) => {
    const visible = (el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.position !== "fixed";
    };
    const found = [];
    for (const selector of selectors) {
        for (const row of document.querySelectorAll(selector)) {
            const items = [...row.children].filter(visible);
            for (let i = 0; i < items.length; i++) {
                for (let j = i + 1; j < items.length; j++) {
                    const a = items[i].getBoundingClientRect(), b = items[j].getBoundingClientRect();
                    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (x > 1 && y > 1) {
                        found.push(`${selector}: ${items[i].className || items[i].tagName} / ${items[j].className || items[j].tagName}`);
                    }
                }
            }
        }
    }
    return found;
}"""


def render(page, url, viewport, direction):
    page.set_viewport_size(viewport)
    page.goto(url)
    page.evaluate("(dir) => { document.documentElement.dir = dir; }", direction)
    page.wait_for_timeout(50)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1440px"])
@pytest.mark.parametrize("path", ["/services/anxiety-therapy/", "/team/", "/contact/intake/"])
def test_a_right_to_left_page_mirrors_with_nothing_overlapping(live_site, page, path, viewport):
    render(page, live_site.url + path, viewport, "rtl")
    assert page.evaluate(OVERLAPS, ROWS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "nothing off-screen"

    # Mirrored: the brand sits at the right, the text starts at the right, and the crisis
    # notice's strong edge is on the side lines start from.
    brand = page.locator(".site-brand").bounding_box()
    assert brand["x"] + brand["width"] > viewport["width"] / 2
    notice = page.locator(".crisis-notice").first
    edges = notice.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert edges[0] != "0px" and edges[1] == "0px"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).textAlign") in ("start", "right")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1440px"])
def test_the_same_page_left_to_right_passes_the_same_checks(live_site, page, viewport):
    """The check itself: it finds no overlap on the page as it is served."""
    render(page, live_site.url + "/services/anxiety-therapy/", viewport, "ltr")
    assert page.evaluate(OVERLAPS, ROWS) == []
    brand = page.locator(".site-brand").bounding_box()
    assert brand["x"] < viewport["width"] / 2
