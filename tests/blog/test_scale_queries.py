"""The pages a growing blog could slow down cost the same queries with 30 articles as with 300:
the listings (first and a far page), a category, a tag, the seed article, search for "trust",
the feed and the sitemap's index and first section (issue 19: the demo runs at 10,000)."""

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from blog.demo import samples
from tests.blog.factories import ArticlePageFactory, CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

URLS = [
    "/blog/",
    "/blog/?page=200",  # the last page while there are fewer than 200
    "/blog/category/managing-stress/",
    "/blog/tag/trust/",
    "/blog/healing-from-trust-issues/",
    "/search/?q=trust",
    "/blog/feed/",
    "/sitemap.xml",
    "/sitemap-1.xml",
]


@pytest.fixture(autouse=True)
def page_cache_bypassed(settings):
    """Measures rendering, not the page cache (a hit costs no query: tests/siteplatform)."""
    settings.PAGE_CACHE_SECONDS = 0


def queries_per_page():
    client = Client()
    for url in URLS:  # renditions, fragments and the site record, as earlier visitors leave them
        assert client.get(url).status_code == 200, url
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_the_pages_of_a_growing_blog_cost_the_same_queries_with_30_or_300_articles(blog_site):
    categories = [CategoryFactory(name=name) for name in ("Managing stress", "Family", "Anxiety")]
    images = wagtail_factories.ImageFactory.create_batch(3)
    trust = Tag.objects.create(name="trust", slug="trust")
    pool = [trust, *samples.ensure_tag_pool(5)]  # every sample shares a tag with the seed article
    ArticlePageFactory(
        parent=blog_site.blog,
        slug="healing-from-trust-issues",
        title="Healing from trust issues",
        hero_image=images[0],
        categories=categories[:1],
        tags=["trust", "boundaries"],
        author=blog_site.author,
        clinically_reviewed_by=blog_site.reviewer,
        related_service=blog_site.service,
        body=[("paragraph", "<h2>Trust</h2><p>Trust is rebuilt in small steps.</p>")],
    )
    people = [blog_site.author, blog_site.reviewer]

    def grow_to(count):
        samples.ensure_samples(
            blog_site.blog, count, categories=categories, clinicians=people, images=images, tag_pool=pool
        )

    grow_to(30)
    small = queries_per_page()
    grow_to(300)
    large = queries_per_page()

    print("queries with 30 and 300 articles:", {url: (small[url], large[url]) for url in URLS})
    assert large == small
