"""Every practice page type renders in a bounded number of queries that does not grow."""

import pytest
from django.test import Client

from tests.factories import ClinicianPageFactory, ServicePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def grow(site_tree, n):
    for i in range(n):
        ServicePageFactory(parent=site_tree["services"], title=f"Service {i}", slug=f"service-{i}")
        ClinicianPageFactory(parent=site_tree["team"], title=f"Clinician {i}", slug=f"clinician-{i}")


def count_queries(django_assert_max_num_queries, url):
    client = Client()
    assert client.get(url).status_code == 200  # warm renditions and caches
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/", "/services/", "/services/service-0/", "/team/", "/team/clinician-0/", "/about/"]
)
def test_page_types_stay_within_the_query_budget_as_content_grows(
    site_tree, django_assert_max_num_queries, url
):
    StandardPageFactory(parent=site_tree["home"], title="About", slug="about")
    grow(site_tree, 2)
    small = count_queries(django_assert_max_num_queries, url)
    grow_more = 20
    for i in range(2, 2 + grow_more):
        ServicePageFactory(parent=site_tree["services"], title=f"Service {i}", slug=f"service-{i}")
        ClinicianPageFactory(parent=site_tree["team"], title=f"Clinician {i}", slug=f"clinician-{i}")
    large = count_queries(django_assert_max_num_queries, url)
    assert large == small, f"{url}: {small} queries with 2 of each, {large} with 22"


def test_search_stays_within_the_query_budget(site_tree, django_assert_max_num_queries):
    grow(site_tree, 15)
    count_queries(django_assert_max_num_queries, "/search/?q=service")
