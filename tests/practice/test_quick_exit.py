"""The quick exit on every public page, and the "Browsing safely" page that explains it."""

import re

import pytest

from practice.models import PracticeSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

DEFAULT_NEUTRAL_URL = "https://www.weather.gov/"


def quick_exit_link(html):
    match = re.search(r"<a [^>]*data-quick-exit[^>]*>.*?</a>", html, re.S)
    assert match, "no quick exit link on the page"
    return match.group(0)


@pytest.mark.parametrize("path", ["/", "/contact/", "/contact/intake/", "/search/?q=x"])
def test_every_public_page_offers_a_labelled_quick_exit_that_works_without_script(client, site_tree, path):
    html = client.get(path).content.decode()
    link = quick_exit_link(html)
    assert f'href="{DEFAULT_NEUTRAL_URL}"' in link
    assert 'rel="noreferrer"' in link
    assert "Exit this page" in link
    # It comes before the header, right after the skip link, so it is on a phone's first screen.
    assert html.index("Skip to main content") < html.index("data-quick-exit") < html.index("<header")
    assert re.search(r'<script src="[^"]*quick-exit[^"]*\.js" defer>', html)


def test_the_neutral_page_is_the_one_the_practice_chose(client, site_tree):
    practice = PracticeSettings.load()
    practice.quick_exit_url = "https://www.example.com/news"
    practice.save()
    link = quick_exit_link(client.get("/").content.decode())
    assert 'href="https://www.example.com/news"' in link


def test_the_browsing_safely_page_is_linked_from_the_footer_and_the_quick_exit(client, site_tree):
    page = StandardPageFactory(parent=site_tree.home, title="Browsing safely", slug="browsing-safely")
    practice = PracticeSettings.load()
    practice.browsing_safely_page = page
    practice.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/browsing-safely/"' in footer
    for path in ("/contact/", "/contact/intake/"):
        form_page = client.get(path).content.decode()
        main = form_page[form_page.index("<main") : form_page.index("</main>")]
        assert 'href="/browsing-safely/"' in main, path


def test_demo_content_has_a_browsing_safely_page_chosen_in_settings(db):
    from practice import demo

    demo.load()
    page = PracticeSettings.load().browsing_safely_page
    assert page is not None and page.live
    body = str(page.specific.body)
    for words in ("private", "history", "shared", "Exit this page"):
        assert words.lower() in body.lower(), words
