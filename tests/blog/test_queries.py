"""Blog pages cost a fixed number of queries: the same with 10 articles as with 100 (every
listing page full then; tests/blog/test_scale_queries.py grows the blog further), and at most 12
(renditions are warmed by a first request, as they would be in production)."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from blog.models import ArticlePage, ArticlePageTag, ArticleRelatedLink
from tests.blog.factories import ArticlePageFactory, CategoryFactory, paragraphs

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def page_cache_bypassed(settings):
    """Measures rendering, not the page cache (tests/practice/test_page_cache.py checks a hit costs 0)."""
    settings.PAGE_CACHE_SECONDS = 0


MAX_QUERIES = 7
# An article costs less since routing reads the pages on its address in one query (issue 19: 11 to 9),
# and since the Site, the Locales and the view restrictions are read once per content generation in
# each process (siteplatform.structure), not by every page and listing (9 to 5; the others 12 to 7).
ARTICLE_MAX_QUERIES = 5
# What changes only with content comes from the fragment cache after the first visit
# (siteplatform.page_cache.cached_fragment): the site-wide settings, the category menu, the feeds,
# an article's body and related cards.
TOPICS = [f"topic-{n}" for n in range(7)]
URLS = [
    "/blog/",
    "/blog/?page=2",
    "/blog/category/managing-stress/",
    "/blog/tag/trust/",
    "/blog/feed/",
    "/blog/category/managing-stress/feed/",
    "/blog/featured/",
    "/",
]


def add_articles(blog, count, start, categories, images, author):
    """Articles with a category, two tags and a hero image each. Built directly rather than
    through the factory (one save each, tags in bulk) so that 100 take seconds."""
    tags = {name: Tag.objects.get_or_create(name=name, slug=name)[0] for name in ["trust", *TOPICS]}
    links = []
    for number in range(start, start + count):
        article = blog.add_child(
            instance=ArticlePage(
                title=f"Article {number}",
                slug=f"article-{number}",
                summary=f"What article {number} is about.",
                body=paragraphs(300),
                date=timezone.localdate() - datetime.timedelta(days=number),
                author=author,
                hero_image=images[number % len(images)],
                categories=[categories[number % len(categories)]],
            )
        )
        links += [
            ArticlePageTag(content_object=article, tag=tags["trust"]),
            ArticlePageTag(content_object=article, tag=tags[TOPICS[number % len(TOPICS)]]),
        ]
    ArticlePageTag.objects.bulk_create(links)


def measure():
    client = Client()
    counts = {}
    for url in URLS:  # warms renditions, the navigation and the feed link, as visitors before
        assert client.get(url).status_code == 200, url
    for url in URLS:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_blog_pages_cost_the_same_few_queries_with_10_or_100_articles(blog_site):
    categories = [CategoryFactory(name=name) for name in ("Managing stress", "Family", "Anxiety")]
    images = wagtail_factories.ImageFactory.create_batch(4)
    service = blog_site.service
    featured = ArticlePageFactory(
        parent=blog_site.blog,
        slug="featured",
        hero_image=images[0],
        categories=categories[:1],
        tags=["trust", "boundaries"],
        clinically_reviewed_by=blog_site.reviewer,
        related_service=service,
        body=[
            ("paragraph", f'<h2>Start</h2><p>See <a linktype="page" id="{service.pk}">the service</a>.</p>'),
            ("pull_quote", {"quote": "A line worth pausing on.", "attribution": ""}),
            (
                "call_to_action",
                {"heading": "Talk to us", "text": "", "destination": "service", "service": service},
            ),
        ],
    )
    add_articles(blog_site.blog, 9, 1, categories, images, blog_site.author)
    ArticleRelatedLink.objects.create(page=featured, article_id=featured.get_siblings(inclusive=False)[0].pk)
    small = measure()

    add_articles(blog_site.blog, 90, 10, categories, images, blog_site.author)
    large = measure()

    print("queries with 10 and 100 articles:", {url: (small[url], large[url]) for url in URLS})
    assert large == small
    assert {url: count for url, count in large.items() if count > MAX_QUERIES} == {}
    assert large["/blog/featured/"] <= ARTICLE_MAX_QUERIES
