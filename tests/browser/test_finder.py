"""The clinician finder and header search in real Chromium, on the demo site.

Who should match is read from the site's database, not written here, so the tests follow the
demo content when its clinicians change."""

from urllib.parse import parse_qs, urlsplit

LIVE_CLINICIANS = """
    SELECT page.title FROM practice_clinicianpage AS clinician
    JOIN wagtailcore_page AS page ON page.id = clinician.page_ptr_id
    WHERE page.live = ? {where} ORDER BY page.path
"""
SPEAKS = """AND clinician.page_ptr_id IN (
    SELECT clinicianpage_id FROM practice_clinicianpage_languages AS spoken
    JOIN practice_language AS language ON language.id = spoken.language_id WHERE language.slug = ?)"""
OFFERS = """AND clinician.page_ptr_id IN (
    SELECT clinicianpage_id FROM practice_clinicianpage_services AS offered
    JOIN wagtailcore_page AS service ON service.id = offered.servicepage_id WHERE service.slug = ?)"""


def clinicians(live_site, *conditions):
    """Titles of the live clinicians, in menu order, that meet every (sql, value) condition."""
    where = " ".join(sql for sql, _value in conditions)
    params = [True, *(value for _sql, value in conditions)]
    return [title for (title,) in live_site.query(LIVE_CLINICIANS.format(where=where), params)]


def result_names(page):
    return page.locator(".card-grid .card__title").all_inner_texts()


def test_finder_filters_and_keeps_its_choices_in_the_address(live_site, page):
    korean_speakers = clinicians(live_site, (SPEAKS, "korean"))
    couples_therapists = clinicians(live_site, ("AND clinician.sees_couples = ?", True))
    assert korean_speakers and couples_therapists and not set(korean_speakers) & set(couples_therapists)
    page.goto(live_site.url + "/team/")
    assert result_names(page) == clinicians(live_site)
    page.get_by_role("combobox", name="Language").select_option(label="Korean")
    with page.expect_navigation():  # the results are the next page's: read them once it has loaded
        page.get_by_role("button", name="Show clinicians").click()
    assert result_names(page) == korean_speakers
    assert "Speaks Korean" in page.locator(".card__reasons").inner_text()
    assert parse_qs(urlsplit(page.url).query)["language"] == ["korean"]

    # A combination: Korean and couples work has nobody; the empty state offers a way on.
    page.get_by_label("Who the sessions are for").select_option("couple")
    with page.expect_navigation():  # the results are the next page's: read them once it has loaded
        page.get_by_role("button", name="Show clinicians").click()
    assert result_names(page) == []
    assert page.get_by_role("status").inner_text() == "No clinician matches all of these choices."
    assert page.get_by_role("link", name="Request a consultation").first.is_visible()
    empty_url = page.url

    # Reload and Back keep the choices: they live in the address.
    page.reload()
    assert page.get_by_role("combobox", name="Language").input_value() == "korean"
    page.go_back()
    assert result_names(page) == korean_speakers
    assert page.get_by_role("combobox", name="Language").input_value() == "korean"
    page.go_forward()
    assert page.url == empty_url

    # Dropping one choice from the empty state shows the couples therapist.
    page.get_by_role("link", name="Without “Speaks Korean”").click()
    assert result_names(page) == couples_therapists
    assert "Works with couples" in page.locator(".card__reasons").inner_text()


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
    assert clinicians(live_site, (SPEAKS, "korean"))[0] in results.first.inner_text()
    assert "Clinician" in results.first.inner_text()


def test_a_full_clinician_points_to_colleagues_and_a_service_to_its_clinicians(live_site, page):
    ((full_slug,),) = live_site.query(
        "SELECT page.slug FROM practice_clinicianpage AS clinician JOIN wagtailcore_page AS page"
        " ON page.id = clinician.page_ptr_id WHERE page.live = ? AND NOT clinician.accepting_new_clients",
        [True],
    )
    accepting = clinicians(live_site, ("AND clinician.accepting_new_clients = ?", True))
    page.goto(live_site.url + f"/team/{full_slug}/")
    similar = page.get_by_role("region", name="Clinicians who are accepting new clients")
    shown = similar.locator(".card__title").all_inner_texts()
    assert shown and set(shown) <= set(accepting)
    service_slug, service_title = live_site.query(
        "SELECT service.slug, service.title FROM practice_servicepage"
        " JOIN wagtailcore_page AS service ON service.id = practice_servicepage.page_ptr_id"
        " JOIN wagtailcore_locale AS locale ON locale.id = service.locale_id"
        " WHERE service.live = ? AND locale.language_code = ? ORDER BY service.path",
        [True, "en"],
    )[-1]
    page.goto(live_site.url + f"/services/{service_slug}/")
    page.get_by_role("link", name="Filter these clinicians by language, format or payment").click()
    offering = clinicians(live_site, (OFFERS, service_slug))
    assert offering and result_names(page) == offering
    assert f"Offers {service_title}" in page.locator(".card__reasons").first.inner_text()


PHONE = {"width": 390, "height": 844}


def in_view(locator):
    """Whether the element is on screen and not under the sticky top bar: the point a tap on its
    middle would reach is the element itself."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            if (box.top < 0 || box.bottom > window.innerHeight) return false;
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return element.contains(hit);
        }"""
    )


def test_on_a_phone_the_team_comes_first_and_the_finder_is_folded_above_it(live_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/team/")
    assert in_view(page.locator(".card-grid .card__title").first)
    assert not page.get_by_role("combobox", name="Language").is_visible()
    summary = page.get_by_text("Filter by language, insurance…")
    assert in_view(summary)
    summary.press("Enter")  # a keyboard opens it too
    assert page.get_by_role("combobox", name="Language").is_visible()


def test_on_a_phone_the_count_is_in_view_after_choosing_and_the_address_is_clean(live_site, page):
    korean_speakers = clinicians(live_site, (SPEAKS, "korean"))
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/team/")
    page.get_by_text("Filter by language, insurance…").click()
    page.get_by_role("combobox", name="Language").select_option(label="Korean")
    with page.expect_navigation():
        page.get_by_role("button", name="Show clinicians").click()
    address = urlsplit(page.url)
    assert (address.path, address.query, address.fragment) == ("/team/", "language=korean", "results")
    assert result_names(page) == korean_speakers
    assert in_view(page.get_by_role("status"))
    assert page.get_by_text("Filter by language, insurance… (1 chosen)").is_visible()

    # The chip beside the count drops the choice again, to the whole team.
    with page.expect_navigation():
        page.get_by_role("link", name="Remove: Korean").click()
    assert urlsplit(page.url)[2:] == ("/team/", "", "results")
    assert result_names(page) == clinicians(live_site)
    assert in_view(page.get_by_role("status"))


def test_on_a_desktop_the_finder_is_open_and_sending_it_still_shows_the_count(live_site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_site.url + "/team/")
    page.get_by_role("combobox", name="Language").select_option(label="Korean")
    with page.expect_navigation():
        page.get_by_role("checkbox", name="Only clinicians accepting new clients").press("Enter")
    assert urlsplit(page.url)[2:] == ("/team/", "language=korean", "results")
    assert page.get_by_role("combobox", name="Language").is_visible()  # opened again
    assert in_view(page.get_by_role("status"))


def test_without_javascript_the_folded_finder_still_opens_and_filters(live_site, chromium):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url + "/team/")
        page.get_by_text("Filter by language, insurance…").click()
        page.get_by_role("combobox", name="Language").select_option(label="Korean")
        with page.expect_navigation():
            page.get_by_role("button", name="Show clinicians").click()
        assert parse_qs(urlsplit(page.url).query) == {"language": ["korean"]}  # blanks are dropped
        assert urlsplit(page.url).fragment == "results"
        assert result_names(page) == clinicians(live_site, (SPEAKS, "korean"))
    finally:
        context.close()


def test_on_a_phone_a_card_books_a_free_call_with_its_clinician(live_site, page):
    """The booking link sits on a card its title link covers: a tap on it must reach it."""
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/team/")
    link = page.get_by_role("link", name="Book a free 15-minute call (with Grace Kim)")
    link.click()
    page.wait_for_url("**/contact/intake/?clinician=grace-kim")
