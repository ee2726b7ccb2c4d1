"""Finishing touches a review found on phones (320 and 390 px) and desktops (1440 px), issue 20:
the call-to-action box's spacing, breadcrumbs that wrap cleanly, the blog's active category in
view, and the quick exit bar on the header's grid."""

import pytest

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("url", ["/services/anxiety-therapy/", "/team/anjali-mehta/"])
def test_the_call_to_action_heading_sits_close_to_the_top_of_its_box(live_site, page, url, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_site.url + url)
    box = page.locator("section.cta").bounding_box()
    heading = page.locator("section.cta h2").bounding_box()
    assert 0 <= heading["y"] - box["y"] <= 32


def test_breadcrumbs_that_wrap_on_a_small_phone_never_start_a_line_with_a_separator(live_site, page):
    page.set_viewport_size(NARROW_PHONE)
    page.goto(live_site.url + "/services/individual-therapy-for-relationship-issues/")
    crumbs = page.evaluate(
        """() => {
            const list = document.querySelector('.breadcrumbs ol').getBoundingClientRect();
            const drawn = (item, where) => getComputedStyle(item, where).content.replace(/^(none|normal)$/, '');
            return [...document.querySelectorAll('.breadcrumbs li')].map((item) => ({
                startsLine: item.getBoundingClientRect().left - list.left < 1,
                before: drawn(item, '::before'),
                after: drawn(item, '::after'),
            }));
        }"""
    )
    assert any(crumb["startsLine"] for crumb in crumbs[1:]), "the breadcrumbs wrap at 320 px"
    for previous, crumb in zip(crumbs, crumbs[1:], strict=False):
        assert "/" in previous["after"] + crumb["before"], "a separator between each two items"
        if crumb["startsLine"]:
            assert crumb["before"] == "", "the separator stays at the end of the line above"


def test_the_active_category_is_in_view_when_its_page_opens_on_a_phone(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/blog/")
    last = page.locator(".blog-categories a").last
    assert last.bounding_box()["x"] > PHONE["width"], "the last category starts out of view on /blog/"
    page.goto(live_site.url + last.get_attribute("href"))
    active = page.locator('.blog-categories a[aria-current="page"]')
    page.wait_for_load_state("load")
    box = active.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("window.scrollY") == 0, "the page itself stays at the top"


def test_the_exit_button_lines_up_with_the_header_on_a_desktop(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/")
    exit_right = page.evaluate("document.querySelector('.quick-exit__button').getBoundingClientRect().right")
    header_right = page.evaluate(
        """() => {
            const inner = document.querySelector('.site-header__inner');
            return inner.getBoundingClientRect().right - parseFloat(getComputedStyle(inner).paddingRight);
        }"""
    )
    assert abs(exit_right - header_right) <= 2
