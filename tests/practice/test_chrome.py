"""The site frame every page shares: its font, header, section marking and crisis notice."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from practice.models import NavigationSettings, PracticeSettings
from tests.factories import ClinicianPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

CRISIS_LINKS = ('href="tel:988"', 'href="sms:988"', 'href="tel:18556546735"', 'href="tel:911"')


def stylesheet():
    return Path(finders.find("css/site.css")).read_text(encoding="utf-8")


def font_faces():
    return re.findall(r"@font-face\s*{([^}]*)}", stylesheet())


def header(html):
    return html.split('<header class="site-header"', 1)[1].split("</header>", 1)[0]


def footer(html):
    return html.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_the_heading_font_is_a_small_woff2_served_from_our_own_static_files():
    faces = font_faces()
    assert len(faces) == 1, "one typeface, one weight"
    face = faces[0]
    assert "font-display: swap" in face
    assert "font-weight: 600" in face
    urls = re.findall(r"url\(\"?([^\")]+)\"?\)", face)
    assert urls and all(not re.match(r"^(https?:)?//", url) for url in urls), "no file from another origin"
    font_path = finders.find(str(Path("css") / urls[0]).replace("css/../", ""))
    assert font_path, f"{urls[0]} is not a static file"
    data = Path(font_path).read_bytes()
    assert data[:4] == b"wOF2"
    assert len(data) < 30_000


def test_headings_use_the_font_at_600():
    css = stylesheet()
    assert re.search(r"--font-heading:\s*\"Source Serif 4\"", css)
    heading_rule = re.search(r"h1, h2, h3, h4 {([^}]*)}", css).group(1)
    assert "font-weight: 600" in heading_rule


def test_every_page_preloads_the_font_it_uses(client, site_tree):
    html = client.get("/").content.decode()
    preload = re.search(r'<link rel="preload"[^>]*as="font"[^>]*>', html)
    assert preload, "no font preload"
    tag = preload.group(0)
    assert 'type="font/woff2"' in tag and "crossorigin" in tag
    href = re.search(r'href="([^"]+)"', tag).group(1)
    assert href == settings.STATIC_URL + "fonts/source-serif-4-600-latin.woff2"
    face_url = re.search(r"url\(\"?([^\")]+)\"?\)", font_faces()[0]).group(1)
    assert face_url.endswith(href.removeprefix(settings.STATIC_URL)), "the preload must match the @font-face"
    font = client.get(href)
    assert font.status_code == 200
    assert b"".join(font.streaming_content if font.streaming else [font.content])[:4] == b"wOF2"


def test_the_header_always_offers_a_free_consultation_and_a_call(client, site_tree):
    practice = PracticeSettings.load()
    practice.phone = "(201) 555-0100"
    practice.save()
    html = header(client.get("/").content.decode())
    assert re.search(r'<a class="[^"]*button[^"]*" href="/contact/intake/"[^>]*>\s*Free consultation', html)
    assert 'href="tel:2015550100"' in html
    assert 'action="/search/"' in html


def test_no_call_link_without_a_phone_number(client, site_tree):
    practice = PracticeSettings.load()
    practice.phone = ""
    practice.save()
    assert 'href="tel:' not in header(client.get("/").content.decode())


def test_the_consultation_button_marks_its_own_page(client, site_tree):
    html = header(client.get("/contact/intake/").content.decode())
    assert re.search(r'href="/contact/intake/"[^>]*aria-current="page"', html)


def set_menu(site_tree, *, with_home=False):
    """The main menu with the sections, as editors set it up, and the contact page by URL."""
    nav = NavigationSettings.load()
    nav.main_menu = [
        *([("link", {"label": "Home", "page": site_tree.home, "url": ""})] if with_home else []),
        ("link", {"label": "Services", "page": site_tree.services, "url": ""}),
        ("link", {"label": "Our team", "page": site_tree.team, "url": ""}),
        ("link", {"label": "Contact", "page": None, "url": "/contact/"}),
    ]
    nav.save()
    return site_tree


@pytest.fixture
def menu(site_tree):
    return set_menu(site_tree)


def marked(html):
    """{label: aria-current value} for the header's wide menu."""
    menu = re.search(r'<ul class="main-nav__list main-nav__list--wide">(.*?)</ul>', html, re.S).group(1)
    return {
        label: current
        for current, label in re.findall(
            r'<a href="[^"]*"(?: aria-current="([^"]*)")?[^>]*>([^<]*)</a>', menu
        )
    }


def test_the_section_itself_is_the_current_page(client, menu):
    assert marked(client.get("/services/").content.decode()) == {
        "Services": "page",
        "Our team": "",
        "Contact": "",
    }


def test_a_page_inside_a_section_marks_its_section(client, menu):
    service = ServicePageFactory(parent=menu.services, title="Anxiety therapy", slug="anxiety-therapy")
    clinician = ClinicianPageFactory(parent=menu.team, title="Asha Rao", slug="asha-rao")
    assert marked(client.get(service.url).content.decode())["Services"] == "true"
    assert marked(client.get(clinician.url).content.decode())["Our team"] == "true"
    assert marked(client.get("/contact/intake/").content.decode())["Contact"] == "true"
    assert marked(client.get("/contact/thanks/?sent=contact").content.decode())["Contact"] == "true"
    assert marked(client.get("/contact/").content.decode())["Contact"] == "page"


def test_the_home_page_link_does_not_mark_every_page(client, site_tree):
    set_menu(site_tree, with_home=True)
    assert marked(client.get("/services/").content.decode())["Home"] == ""
    assert marked(client.get("/").content.decode())["Home"] == "page"


def test_the_footer_gives_every_crisis_line_as_a_link(client, site_tree):
    html = footer(client.get("/").content.decode())
    assert "not monitored for emergencies" in html
    for link in CRISIS_LINKS:
        assert link in html, link


@pytest.mark.parametrize("url", ["/contact/", "/contact/intake/", "/contact/thanks/?sent=consultation"])
def test_pages_that_show_the_notice_in_their_body_show_it_once(client, site_tree, url):
    html = client.get(url).content.decode()
    assert html.count('class="crisis-notice"') == 1
    assert 'class="crisis-notice"' in main(html)
    assert "988" not in footer(html)
    for link in CRISIS_LINKS:
        assert link in main(html), link


def test_the_error_summary_counts_what_to_check(client, site_tree):
    html = client.post("/contact/", {"preferred_name": ""}).content.decode()
    summary = re.search(r'<section class="error-summary".*?</section>', html, re.S).group(0)
    count = summary.count("<li>")
    assert count > 1
    assert f"Please check {count} answers" in summary


def test_the_500_page_lists_the_crisis_lines_without_a_database():
    html = render_to_string("500.html")  # no request, no context, no database
    for link in CRISIS_LINKS:
        assert link in html, link
