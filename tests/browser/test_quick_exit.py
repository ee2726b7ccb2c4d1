"""The quick exit in real Chromium on a phone-sized window: the button and Shift pressed three
times leave for the neutral site with no way back."""

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
