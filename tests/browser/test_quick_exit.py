"""The quick exit in real Chromium on a phone-sized window: the button and Shift pressed three
times leave for the neutral site with no way back. Escape is not an exit: it closes the open menu
or search panel, and what a visitor typed stays."""

import pytest

NEUTRAL_URL = "https://www.weather.gov/"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    """A phone-sized page whose neutral site is a local stub (tests have no network)."""
    page.set_viewport_size(PHONE)
    page.route(
        NEUTRAL_URL + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><h1>Weather</h1>"
        ),
    )
    return page


def assert_left_for_good(page, live_site):
    page.wait_for_url(NEUTRAL_URL + "**")
    assert page.title() == "Weather"
    page.go_back()
    assert not page.url.startswith(live_site.url), "Back returned to the practice"


def test_the_exit_button_is_on_the_first_screen_stays_while_scrolling_and_leaves(live_site, phone):
    phone.goto(live_site.url + "/about/")
    button = phone.get_by_role("link", name="Exit this page")
    assert button.is_visible()
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= PHONE["height"]
    phone.mouse.wheel(0, 3000)
    phone.wait_for_function("() => window.scrollY > 500")
    box = button.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], "scrolled out of reach"
    button.click()
    assert_left_for_good(phone, live_site)


def test_shift_pressed_three_times_leaves(live_site, phone):
    phone.goto(live_site.url + "/contact/intake/")
    phone.get_by_label("Preferred name").fill("Someone")
    for _ in range(3):
        phone.keyboard.press("Shift")
    assert_left_for_good(phone, live_site)


def test_escape_closes_the_menu_keeps_what_was_typed_and_never_leaves(live_site, phone):
    phone.goto(live_site.url + "/contact/intake/")
    phone.get_by_label("Preferred name").fill("Someone")
    menu = phone.locator(".main-nav__toggle")
    menu.locator("summary").click()
    assert menu.evaluate("(details) => details.open")
    phone.keyboard.press("Escape")
    assert not menu.evaluate("(details) => details.open")
    assert phone.evaluate("document.activeElement === document.querySelector('.main-nav__toggle summary')")
    for _ in range(3):
        phone.keyboard.press("Escape")
    # The exit hides the page in the same keystroke that starts leaving: nothing started here.
    assert "quick-exit-leaving" not in (phone.locator("html").get_attribute("class") or "")
    assert phone.url == live_site.url + "/contact/intake/"
    assert phone.get_by_label("Preferred name").input_value() == "Someone"


def test_the_search_panel_takes_the_cursor_and_escape_gives_it_back(live_site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_site.url + "/services/")
    button = page.locator(".header-search summary")
    button.click()
    field = page.locator("#header-search-q")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'header-search-q'")
    page.keyboard.press("Escape")
    assert not field.is_visible()
    assert page.evaluate("document.activeElement === document.querySelector('.header-search summary')")
