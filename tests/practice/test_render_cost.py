"""What a page costs to render with every cache off (issue 19, `make bench-render`): the parts
every page shows are built once per request, however many templates ask for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import NavigationSettings
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
