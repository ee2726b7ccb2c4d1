"""Site-level URLs and headers: robots, sitemap, health, search, security headers."""

import io
import re

import pytest
from wagtail.models import Page

from tests.factories import ServicePageFactory, StandardPageFactory
from tests.sitemaps import NS, client_reader, section_locations, sitemap_locs, sitemap_urls

pytestmark = pytest.mark.django_db


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_robots_txt_keeps_crawlers_out_of_search_and_thank_you_pages_in_every_language(client):
    body = client.get("/robots.txt").content.decode()
    for prefix in ("", "/ko", "/hi"):
        assert f"Disallow: {prefix}/search/" in body
        assert f"Disallow: {prefix}/contact/thanks/" in body


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_sitemap_lists_live_pages_with_lastmod_and_hides_drafts(client, site_tree):
    ServicePageFactory(parent=site_tree.services, title="Anxiety therapy", slug="anxiety")
    for page in Page.objects.filter(depth__gt=1):
        page.specific.save_revision().publish()  # as editors do: sets last_published_at
    draft = ServicePageFactory(parent=site_tree.services, title="Secret plans", slug="secret")
    draft.unpublish()
    urls = sitemap_urls(client_reader(client))
    locs = [url.findtext("s:loc", namespaces=NS) for url in urls]
    assert "http://localhost/services/anxiety/" in locs
    assert not any("secret" in loc for loc in locs)
    assert all(url.find("s:lastmod", NS) is not None for url in urls)


def test_search_finds_live_pages_only(client, site_tree):
    ServicePageFactory(parent=site_tree.services, title="Anxiety therapy", summary="Racing thoughts.")
    hidden = StandardPageFactory(parent=site_tree.home, title="Anxiety draft")
    hidden.unpublish()
    html = client.get("/search/", {"q": "anxiety"}).content.decode()
    assert "Anxiety therapy" in html
    assert "Anxiety draft" not in html
    assert "1 result for" in html


@pytest.mark.parametrize("query", ["", "a" * 5000, "\x00", "<script>alert(1)</script>", "%%%", "’"])
def test_search_survives_any_query(client, site_tree, query):
    response = client.get("/search/", {"q": query, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_security_headers_on_public_pages(client, site_tree):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_admin_allows_same_origin_framing_for_previews(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_footer_and_navigation_are_editable_settings(client, site_tree):
    from practice.models import NavigationSettings, PracticeSettings

    about = StandardPageFactory(parent=site_tree.home, title="About us", slug="about")
    nav = NavigationSettings.load()
    nav.main_menu = [("link", {"label": "About the practice", "page": about, "url": ""})]
    nav.privacy_notice_page = about
    nav.save()
    practice = PracticeSettings.load()
    practice.phone = "(201) 555-0100"
    practice.save()
    html = client.get("/about/").content.decode()
    assert '<a href="/about/" aria-current="page">About the practice</a>' in html
    assert '<a href="tel:2015550100">(201) 555-0100</a>' in html


def test_pagination_lists_the_ends_and_neighbours_not_every_page():
    from django.core.paginator import Paginator
    from django.template import Context, Template

    page_obj = Paginator(range(12 * 42), 12).page(20)
    html = Template('{% include "components/pagination.html" %}').render(Context({"page_obj": page_obj}))
    numbers = [int(n) for n in re.findall(r"</span>(\d+)</(?:a|span)>", html)]
    assert numbers == [1, 18, 19, 20, 21, 22, 42]
    assert html.count('<li aria-hidden="true">…</li>') == 2
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>20</span>' in html


def test_500_page_needs_no_database_and_keeps_the_crisis_notice():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")  # Django renders it with no request and no context
    assert "Something went wrong on our side" in html
    assert "988" in html and "1-855-654-6735" in html
    assert 'class="skip-link"' in html and "<h1>" in html


def test_a_private_document_is_served_only_to_signed_in_users(client, admin_user):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Fee schedule", collection=private, file=ContentFile(b"private fees", name="fees.txt")
    )
    image = Image.objects.create(title="Hero", file=get_test_image_file())

    # The file's own address under /media/ must not bypass the collection's privacy.
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(admin_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"private fees"
    # Images (and their renditions) are still served from /media/.
    assert client.get(f"/media/{image.file.name}").status_code == 200


@pytest.mark.parametrize(
    "address",
    [
        "/media/images/..%2fdocuments/{name}",
        "/media/images/../documents/{name}",
        "/media/original_images/..%2f{path}",
        "/media/images/%2e%2e/documents/{name}",
        "/media/images/%2E%2E%2Fdocuments%2F{name}",
        "/media/images/.%2e/documents/{name}",
        "/media/images/..%5cdocuments%5c{name}",
        "/media/images//../documents/{name}",
        "/media/images/./../documents/{name}",
    ],
)
def test_a_document_is_never_served_through_an_image_address(client, address):
    """The image route serves images and renditions only: `..` in any spelling cannot climb out
    of them into documents/ (which would skip the collection's privacy)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Notes", file=ContentFile(b"private notes", name="notes.txt")
    )
    name = document.file.name.removeprefix("documents/")
    response = client.get(address.format(name=name, path=document.file.name))
    assert response.status_code == 404
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"private notes" not in body


def test_site_url_is_the_address_of_the_sitemap_canonical_links_and_robots(client, site_tree, settings):
    from django.core.management import call_command
    from wagtail.models import Site

    ServicePageFactory(parent=site_tree.services, title="Anxiety therapy", slug="anxiety")
    settings.SITE_URL = "https://www.example.org"
    call_command("sync_site_url", stdout=io.StringIO())
    call_command("sync_site_url", stdout=io.StringIO())  # at every deploy: no change the second time

    read = client_reader(client)
    assert all(loc.startswith("https://www.example.org/sitemap-") for loc in section_locations(read))
    locs = sitemap_locs(read)
    assert "https://www.example.org/services/anxiety/" in locs
    assert all(loc.startswith("https://www.example.org/") for loc in locs)
    html = client.get("/services/anxiety/").content.decode()
    assert '<link rel="canonical" href="https://www.example.org/services/anxiety/">' in html
    assert "Sitemap: https://www.example.org/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert list(Site.objects.values_list("hostname", "port")) == [("www.example.org", 443)]

    # `PORT=9000 make run` passes the address it serves on.
    settings.SITE_URL = "http://127.0.0.1:9000"
    call_command("sync_site_url", stdout=io.StringIO())
    assert "http://127.0.0.1:9000/services/anxiety/" in sitemap_locs(read)
