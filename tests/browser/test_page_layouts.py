"""Page layouts in real Chromium: grids that fill their row on a desktop, the sticky "At a
glance" panel, the blog's category row on a phone, whole cards as links with a visible focus
(axe runs on every page type these layouts serve in test_accessibility.py)."""

import pytest

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def boxes(page, selector):
    return [element.bounding_box() for element in page.locator(selector).all()]


@pytest.mark.parametrize(
    ("url", "grid"),
    [
        ("/team/", ".card-grid"),
        ("/blog/", ".article-grid"),
        ("/", "#clinicians-heading + .card-grid"),
        ("/", "#latest-heading + .card-grid"),
        ("/blog/healing-from-trust-issues/", ".related-articles .card-grid"),
    ],
)
def test_three_cards_fill_one_row_on_a_desktop(live_site, page, url, grid):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + url)
    container = page.locator(grid).first.bounding_box()
    cards = boxes(page, f"{grid} >> nth=0 >> > .card")[:3]
    assert len(cards) == 3
    assert len({round(card["y"]) for card in cards}) == 1, "the three cards share one row"
    right_edge = cards[-1]["x"] + cards[-1]["width"]
    assert abs(right_edge - (container["x"] + container["width"])) < 2, "no empty column after them"


def test_four_services_make_two_full_rows(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/services/")
    cards = boxes(page, ".card-grid > .card")
    assert len(cards) == 4
    assert len({round(card["y"]) for card in cards}) == 2
    assert len({round(card["x"]) for card in cards}) == 2


def test_card_meta_does_not_wrap_mid_phrase(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/blog/")
    for part in page.locator(".article-card .card__meta > *").all():
        box = part.bounding_box()
        line = float(part.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert box["height"] < line * 1.5, part.inner_text()


@pytest.mark.parametrize("url", ["/services/anxiety-therapy/", "/team/anjali-mehta/"])
def test_at_a_glance_sits_beside_the_text_and_stays_in_view(live_site, page, url):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + url)
    panel = page.locator(".glance__inner")
    text = page.locator(".page-layout__main").bounding_box()
    start = panel.bounding_box()
    assert start["x"] > text["x"] + text["width"], "the panel is beside the text column"
    sticky_top = panel.evaluate("element => parseFloat(getComputedStyle(element).top)")
    # Scrolled as far as the text column still fills the screen: past the point where the panel
    # would have left the screen's top edge had it not stuck there.
    text_bottom = text["y"] + text["height"]
    page.evaluate(f"() => window.scrollTo(0, {text_bottom - DESKTOP['height']})")
    assert page.evaluate("() => window.scrollY") > start["y"] - sticky_top + 100
    box = panel.bounding_box()
    assert abs(box["y"] - sticky_top) <= 1, "the panel stuck below the header"
    assert box["y"] + box["height"] <= DESKTOP["height"], "all of it in view"
    assert "$" in panel.locator(".glance__fee").inner_text()
    assert page.locator(".glance__button").is_visible()
    assert "/contact/intake/?" in page.locator(".glance__button").get_attribute("href")


def test_every_block_of_the_text_column_shares_one_measure(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/services/individual-therapy-for-relationship-issues/")
    widths = {
        selector: page.locator(selector).first.bounding_box()["width"]
        for selector in (".page-layout__main .prose", ".approaches", ".faq", ".page-layout__main .cta")
    }
    assert max(widths.values()) - min(widths.values()) < 2, widths


def test_at_a_glance_comes_right_after_the_intro_on_a_phone(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/services/anxiety-therapy/")
    assert page.locator(".glance__button").bounding_box()["y"] < PHONE["height"] * 1.2


def test_blog_categories_are_one_row_on_a_phone_and_the_page_never_scrolls_sideways(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/blog/")
    row = page.locator(".blog-categories ul").bounding_box()
    chip = page.locator(".blog-categories a").first.bounding_box()
    assert row["height"] < chip["height"] * 1.5
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    last = page.locator(".blog-categories a").last
    last.focus()  # reachable from the keyboard, and brought into view when focused
    box = last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".article-card").first.bounding_box()["y"] < PHONE["height"]


def test_clicking_anywhere_on_a_card_opens_it(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/team/")
    card = page.locator(".card--person").first
    href = card.locator(".card__link").get_attribute("href")
    card.scroll_into_view_if_needed()
    box = card.locator(".card__status").bounding_box()  # not the link: the card's lower edge
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    page.wait_for_url(live_site.url + href)


def test_a_focused_card_shows_a_focus_ring(live_site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_site.url + "/blog/")
    page.locator(".blog-categories a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('card__link')")
    outline = page.locator(".article-card").first.evaluate(
        "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
    )
    assert outline[0] == "solid" and outline[1] >= 2


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
def test_the_availability_badge_stays_on_one_line(live_site, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_site.url + "/team/")
    badges = page.locator(".card--person .badge").all()
    assert any("Not accepting" in badge.inner_text() for badge in badges)
    for badge in badges:
        line = float(badge.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert badge.bounding_box()["height"] < line * 1.5 + 8, badge.inner_text()
        card = badge.locator("xpath=ancestor::article[1]").bounding_box()
        assert badge.bounding_box()["x"] + badge.bounding_box()["width"] <= card["x"] + card["width"]
