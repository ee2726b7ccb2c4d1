"""The sitemap as an index of sections: however many pages the site has, each is listed exactly
once, no section is longer than the limit, and each section is a page the page cache keeps."""

import xml.etree.ElementTree as ET  # noqa: S405 - the site's own sitemap
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from siteplatform import sitemaps
from tests.factories import StandardPageFactory
from tests.sitemaps import NS, client_reader, section_locations

pytestmark = pytest.mark.django_db
SECTION_SIZE = 4


@pytest.fixture
def small_sections(monkeypatch):
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", SECTION_SIZE)


@pytest.fixture
def uncached(settings):
    """Reads what the views answer now, not a page the page cache kept from before."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def many_pages(site_tree):
    """The site tree with 11 standard pages more (and one draft, one private page)."""
    for number in range(11):
        StandardPageFactory(parent=site_tree.home, title=f"Page {number}", slug=f"page-{number}")
    StandardPageFactory(parent=site_tree.home, title="Draft", slug="draft").unpublish()
    private = StandardPageFactory(parent=site_tree.home, title="Private", slug="private")
    private.view_restrictions.create(restriction_type="password", password="secret")  # noqa: S106
    return site_tree


def test_every_live_page_is_in_exactly_one_section_of_at_most_the_limit(
    client, many_pages, small_sections, uncached
):
    read = client_reader(client)
    locations = section_locations(read)
    live = Page.objects.live().public().filter(depth__gt=1).exclude(slug="private")
    assert len(locations) == -(-live.count() // SECTION_SIZE) >= 3
    paths = [urlsplit(location).path for location in locations]
    assert paths == [f"/sitemap-{number}.xml" for number in range(1, len(locations) + 1)]

    listed = []
    for path in paths:
        section = ET.fromstring(read(path))  # noqa: S314
        locs = [el.text for el in section.findall("s:url/s:loc", NS)]
        assert 0 < len(locs) <= SECTION_SIZE
        listed += locs
    expected = sorted(page.get_full_url() for page in live)
    assert sorted(listed) == expected  # each once: no page missing, none twice
    assert not [loc for loc in listed if "draft" in loc or "private" in loc]


def test_past_the_last_section_is_not_found(client, many_pages, small_sections, uncached):
    count = len(section_locations(client_reader(client)))
    assert client.get(f"/sitemap-{count}.xml").status_code == 200
    assert client.get(f"/sitemap-{count + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_the_index_costs_the_same_queries_with_one_section_or_several(
    client, many_pages, monkeypatch, uncached
):
    def index_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    client.get("/sitemap.xml")  # warms the site record
    one = index_queries()
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
    assert len(section_locations(client_reader(client))) > 5
    assert index_queries() == one


def test_the_index_and_each_section_are_kept_by_the_page_cache(client, many_pages, small_sections, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for path in ("/sitemap.xml", "/sitemap-2.xml"):
        assert client.get(path)["X-Cache"] == "MISS"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path)["X-Cache"] == "HIT"
        assert len(queries) == 0


def test_robots_txt_points_at_the_index(client, many_pages):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert client.get("/sitemap.xml").content.startswith(b"<?xml")
    assert b"<sitemapindex" in client.get("/sitemap.xml").content
