"""What a page costs to render with every cache off (issue 19, `make bench-render`): the parts
every page shows are built once per request, however many templates ask for them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.rich_text import expand_db_html

from practice.models import NavigationSettings
from tests.factories import ImageFactory, ServicePageFactory
from tests.practice.test_chrome import set_menu

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_cache_off")]


def test_the_navigation_is_built_once_per_page_with_the_fragment_cache_off(client, site_tree):
    set_menu(site_tree)  # a new content generation: the next page builds the menu
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/services/").content.decode()
    # The header's menu, the footer's links and the quick exit each ask for it: built thrice before,
    # each build looking up the pages the menus link to.
    menu_pages = [query for query in captured if '"wagtailcore_page"."id" IN' in query["sql"]]
    assert len(menu_pages) == 1
    assert 'href="/team/"' in html and 'href="/contact/"' in html


def test_the_menu_is_read_once_per_content_generation_in_each_language(client, site_tree):
    """The menu is the site's structure, as its Site and Locales are: the first page after a
    publish reads it, the pages after that (any page, any visitor) do not, until the next change."""
    set_menu(site_tree)
    client.get("/services/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/team/").content.decode()
    assert not [query for query in captured if '"wagtailcore_page"."id" IN' in query["sql"]]
    assert 'href="/services/"' in html
    nav = NavigationSettings.load()
    nav.main_menu = [("link", {"label": "Fees", "page": None, "url": "/fees/"})]
    nav.save()  # a settings edit starts a new generation
    html = client.get("/team/").content.decode()
    assert 'href="/fees/"' in html and 'href="/services/"' not in html
    korean = client.get("/ko/team/").content.decode()
    assert 'href="/ko/fees/"' in korean


def test_a_korean_page_finds_the_home_pages_it_routes_from_once_per_content_generation(client, korean):
    """Wagtail routes from the site's root in the visitor's language (`.localized`), and a page the
    Korean tree lacks is routed again from the English root: the site's structure, read by the first
    page after a change only, as the Site and Locales are."""
    assert client.get("/ko/team/").status_code == 200  # the first page after a change reads them
    with CaptureQueriesContext(connection) as captured:
        fallback = client.get("/ko/team/")  # not translated: served from the English tree
    assert fallback.status_code == 200 and fallback.wsgi_request.translation_fallback
    read = [query["sql"] for query in captured]
    assert not [
        sql for sql in read if 'FROM "practice_homepage"' in sql or 'FROM "wagtailcore_locale"' in sql
    ]


def test_the_practices_words_in_korean_are_read_once_per_content_generation(client, korean):
    client.get("/ko/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/ko/services/")
    assert not [query for query in captured if "practice_practicewording" in query["sql"]]


def test_links_in_rich_text_find_their_pages_in_the_visitors_language_together(korean):
    """Wagtail asks for each linked page's translation link by link; here the translations of all
    the links of a text come in one query, and each link still goes where Wagtail's would."""
    services, team = korean.services.pk, korean.team.pk
    html = "".join(f'<a linktype="page" id="{pk}">{pk}</a>' for pk in (services, team, services))
    with translation.override("ko"), CaptureQueriesContext(connection) as captured:
        expanded = expand_db_html(html)
    assert expanded.count('href="/ko/services/"') == 2 and 'href="/team/"' in expanded
    in_korean = [
        query for query in captured if re.search(r'"translation_key".*"locale_id" = \d', query["sql"])
    ]
    assert len(in_korean) == 1
    with CaptureQueriesContext(connection) as english:
        assert expand_db_html(html).count('href="/services/"') == 2
    assert not [query for query in english if re.search(r'"translation_key".*"locale_id" = \d', query["sql"])]


def test_the_home_pages_image_comes_with_the_site_structure(client, site_tree):
    """The home page is the site's root, kept with the Site once per content generation: its hero
    image (shown, and named for link previews) comes with it rather than by a query per visit."""
    site_tree.home.hero_image = ImageFactory()
    site_tree.home.save_revision().publish()
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert not [query for query in captured if 'FROM "wagtailimages_image"' in query["sql"]]
    assert 'property="og:image"' in html


def test_a_page_in_one_language_only_finds_its_languages_without_a_query(client, korean):
    """Which pages have a translation is the site's structure: a page without any (most
    articles) asks the database nothing for its language links; one with a translation does."""
    client.get("/team/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/team/").content.decode()
    assert not [query for query in captured if re.search(r'"translation_key" = ', query["sql"])]
    assert 'rel="alternate" hreflang' not in html
    translated = client.get("/services/").content.decode()
    assert 'hreflang="ko" href="http://testserver/ko/services/"' in translated


def test_search_leaves_out_private_sections_as_every_listing_does_without_a_query(client, site_tree):
    """Search keeps visitors out of private sections by the site's one rule (the restricted paths
    of the site's structure), not by reading the view restrictions again on every search."""
    from wagtail.models import PageViewRestriction

    hidden = ServicePageFactory(parent=site_tree.services, title="Staff therapy notes", slug="staff-notes")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    ServicePageFactory(parent=site_tree.services, title="Therapy for couples", slug="couples")
    client.get("/search/?q=therapy")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/?q=therapy")
    assert [page.title for page in response.context["page_obj"].object_list] == ["Therapy for couples"]
    assert not [query for query in captured if "wagtailcore_pageviewrestriction" in query["sql"]]
