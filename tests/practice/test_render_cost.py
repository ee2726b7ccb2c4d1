"""What a page costs to render with every cache off (issue 19, `make bench-render`): the parts
every page shows are built once per request, however many templates ask for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.practice.test_chrome import set_menu

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_cache_off")]


def test_the_navigation_is_built_once_per_page_with_the_fragment_cache_off(client, site_tree):
    set_menu(site_tree)
    client.get("/services/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/services/").content.decode()
    # The header's menu, the footer's links and the quick exit each ask for it: built thrice before,
    # each build looking up the pages the menus link to.
    menu_pages = [query for query in captured if '"wagtailcore_page"."id" IN' in query["sql"]]
    assert len(menu_pages) == 1
    assert 'href="/team/"' in html and 'href="/contact/"' in html
