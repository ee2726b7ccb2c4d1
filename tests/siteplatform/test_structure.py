"""The site's reference rows read once per content generation (siteplatform/structure.py)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from siteplatform import structure


def test_values_are_built_once_per_generation_and_only_within_a_public_request():
    built = []

    def build():
        built.append(1)
        return len(built)

    assert structure.remembered("test-value", build) == 1  # outside a request: every time
    assert structure.remembered("test-value", build) == 2
    with structure.reading("generation-a"):
        assert structure.remembered("test-value", build) == 3
        assert structure.remembered("test-value", build) == 3
    with structure.reading("generation-b"):  # a content change: read again
        assert structure.remembered("test-value", build) == 4


def test_the_store_stays_bounded_whatever_the_names():
    with structure.reading("generation-bounded"):
        for number in range(structure.MAX_VALUES + 50):
            structure.remembered(("host", number), lambda number=number: number)
        assert len(structure._store["values"]) == structure.MAX_VALUES


@pytest.mark.django_db
def test_each_request_gets_its_own_site_and_root_page_without_a_query(site_tree):
    factory = RequestFactory()
    with structure.reading("generation-site"):
        first = structure.site_for_request(factory.get("/"))
        with CaptureQueriesContext(connection) as captured:
            second = structure.site_for_request(factory.get("/"))
    assert len(captured) == 0
    assert second.pk == first.pk and second.root_page.pk == first.root_page.pk
    assert second is not first and second.root_page is not first.root_page
    first.root_page.title = "Changed by one request"
    assert second.root_page.title != "Changed by one request"
