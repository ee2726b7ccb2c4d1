"""The clinician finder and header search in real Chromium, on the demo site."""

from urllib.parse import parse_qs, urlsplit

from tests.browser.axe import assert_no_axe_violations


def result_names(page):
    return page.locator(".card-grid .card__title").all_inner_texts()


def test_finder_filters_keeps_its_address_and_is_accessible(live_site, page):
    page.goto(live_site.url + "/team/")
    assert len(result_names(page)) == 3
    page.get_by_label("Language").select_option(label="Korean")
    page.get_by_role("button", name="Show clinicians").click()
    assert result_names(page) == ["Grace Kim"]
    assert "Speaks Korean" in page.locator(".card__reasons").inner_text()
    assert parse_qs(urlsplit(page.url).query)["language"] == ["korean"]

    # A combination: Korean and couples work has nobody; the empty state offers a way on.
    page.get_by_label("Who the sessions are for").select_option("couple")
    page.get_by_role("button", name="Show clinicians").click()
    assert result_names(page) == []
    assert page.get_by_role("status").inner_text() == "No clinician matches all of these choices."
    assert page.get_by_role("link", name="Request a consultation").first.is_visible()
    assert_no_axe_violations(page)
    empty_url = page.url

    # Reload and Back keep the choices: they live in the address.
    page.reload()
    assert page.get_by_label("Language").input_value() == "korean"
    page.go_back()
    assert result_names(page) == ["Grace Kim"]
    assert page.get_by_label("Language").input_value() == "korean"
    page.go_forward()
    assert page.url == empty_url

    # Dropping one choice from the empty state shows the couples therapist.
    page.get_by_role("link", name="Without “Speaks Korean”").click()
    assert result_names(page) == ["Nia Okafor"]
    assert "Works with couples" in page.locator(".card__reasons").inner_text()
    assert_no_axe_violations(page)


def test_header_search_finds_a_clinician_by_language_on_a_phone(live_site, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_site.url + "/services/")
    assert not page.get_by_role("searchbox", name="Search the site").is_visible()
    page.locator(".main-nav summary").click()  # on phones, search is in the menu panel
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill("Korean")
    box.press("Enter")
    page.wait_for_url("**/search/?q=Korean")
    results = page.locator(".search-results li")
    assert "Grace Kim" in results.first.inner_text()
    assert "Clinician" in results.first.inner_text()


def test_a_full_clinician_points_to_colleagues_and_a_service_to_its_clinicians(live_site, page):
    page.goto(live_site.url + "/team/nia-okafor/")
    similar = page.get_by_role("region", name="Clinicians who are accepting new clients")
    assert "Anjali Mehta" in similar.inner_text() or "Grace Kim" in similar.inner_text()
    assert_no_axe_violations(page)
    page.goto(live_site.url + "/services/anxiety-therapy/")
    page.get_by_role("link", name="Filter these clinicians by language, format or payment").click()
    assert result_names(page) == ["Grace Kim"]
    assert "Offers Anxiety therapy" in page.locator(".card__reasons").inner_text()
