"""Listings at /blog/, /blog/category/<slug>/ and /blog/tag/<slug>/: order, pagination, 404s,
and what visitors must never see there (drafts and private articles)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage
from tests.blog.factories import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(
        r'<h3 class="card__title"><a [^>]*href="[^"]+"[^>]*>([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def client():
    return Client()


def test_the_index_lists_articles_newest_first_twelve_to_a_page(blog_site, client):
    for number in range(14):  # the factory dates each article a day before the previous one
        ArticlePageFactory(parent=blog_site.blog, title=f"Article {number:02d}")

    first = client.get("/blog/")
    assert first.status_code == 200
    assert titles(first) == [f"Article {number:02d}" for number in range(12)]
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert 'href="?page=2" rel="next"' in html
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>1</span>' in html

    second = client.get("/blog/?page=2")
    assert titles(second) == ["Article 12", "Article 13"]
    assert 'rel="prev"' in second.content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/?page=2">' in second.content.decode()


@pytest.mark.parametrize("page", ["0", "99", "abc", "1e9", "-1", "\x00"])
def test_any_page_number_gets_a_listing_not_an_error(blog_site, client, page):
    ArticlePageFactory(parent=blog_site.blog, title="Only article")
    response = client.get("/blog/", {"page": page})
    assert response.status_code == 200
    assert titles(response) == ["Only article"]


def test_a_category_page_lists_only_its_articles(blog_site, client):
    stress, family = CategoryFactory(name="Managing stress"), CategoryFactory(name="Family and culture")
    ArticlePageFactory(parent=blog_site.blog, title="Stress one", categories=[stress])
    ArticlePageFactory(parent=blog_site.blog, title="Family one", categories=[family])
    ArticlePageFactory(parent=blog_site.blog, title="Both", categories=[stress, family])

    response = client.get("/blog/category/managing-stress/")
    assert response.status_code == 200
    assert titles(response) == ["Stress one", "Both"]
    html = response.content.decode()
    assert "<h1>Managing stress</h1>" in html
    assert 'href="/blog/category/managing-stress/feed/"' in html
    assert 'type="application/rss+xml"' in html
    assert '<a href="/blog/category/managing-stress/" aria-current="page">Managing stress</a>' in html


def test_a_tag_page_lists_only_articles_with_that_tag(blog_site, client):
    ArticlePageFactory(parent=blog_site.blog, title="Tagged", tags=["self worth"])
    ArticlePageFactory(parent=blog_site.blog, title="Untagged", tags=["other"])
    response = client.get("/blog/tag/self-worth/")
    assert response.status_code == 200
    assert titles(response) == ["Tagged"]
    assert "Articles tagged “self worth”" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/blog/category/nope/", "/blog/tag/nope/", "/blog/nope/", "/blog/category/", "/blog/feed/nope/"]
)
def test_unknown_categories_tags_and_articles_are_404(blog_site, client, url):
    CategoryFactory(name="Managing stress")
    assert client.get(url).status_code == 404


def test_a_tag_only_other_content_uses_is_404(blog_site, client):
    from taggit.models import Tag

    Tag.objects.create(name="orphan", slug="orphan")
    assert client.get("/blog/tag/orphan/").status_code == 404


def test_drafts_and_private_articles_stay_out_of_listings(blog_site, client):
    stress = CategoryFactory(name="Managing stress")
    ArticlePageFactory(parent=blog_site.blog, title="Public", categories=[stress], tags=["trust"])
    ArticlePageFactory(parent=blog_site.blog, title="Draft", categories=[stress], tags=["trust"], live=False)
    private = ArticlePageFactory(parent=blog_site.blog, title="Private", categories=[stress], tags=["trust"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    for url in ("/blog/", "/blog/category/managing-stress/", "/blog/tag/trust/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Public" in html, url
        assert "Draft" not in html and "Private" not in html, url
    assert client.get(private.url).status_code == 302  # to the login page
    assert client.get("/blog/draft/").status_code == 404


def test_an_article_made_private_after_a_visit_leaves_the_listings_at_once(blog_site, client):
    """The private sections are read once per content generation (siteplatform.structure):
    adding a restriction starts a new one, so no page keeps listing or serving what just
    became private."""
    ArticlePageFactory(parent=blog_site.blog, title="Still public")
    soon_private = ArticlePageFactory(parent=blog_site.blog, title="Soon private")
    assert "Soon private" in client.get("/blog/").content.decode()
    assert client.get(soon_private.url).status_code == 200

    restriction = PageViewRestriction.objects.create(page=soon_private, restriction_type="login")
    html = client.get("/blog/").content.decode()
    assert "Still public" in html and "Soon private" not in html
    assert client.get(soon_private.url).status_code == 302  # to the login page

    restriction.delete()
    assert "Soon private" in client.get("/blog/").content.decode()
    assert client.get(soon_private.url).status_code == 200


def test_the_home_page_shows_the_latest_articles(blog_site, client):
    for number in range(4):
        ArticlePageFactory(parent=blog_site.blog, title=f"Latest {number}")
    html = client.get("/").content.decode()
    assert "From our blog" in html
    assert all(f"Latest {number}" in html for number in range(3))
    assert "Latest 3" not in html


def test_cards_read_only_their_own_columns_and_render_without_a_query_more(blog_site, client):
    """A card shows a title, date, reading time, summary, category and picture: the article's
    body, search text and people stay in the database, and linking a card asks nothing more."""
    for number in range(3):
        ArticlePageFactory(
            parent=blog_site.blog, title=f"Card {number}", body=[("paragraph", "<p>Long.</p>")]
        )
    cards = list(ArticlePage.objects.visible().with_listing_data())
    assert {"body", "search_description", "seo_title", "author_id", "last_published_at"} <= cards[
        0
    ].get_deferred_fields()
    client.get("/blog/")  # renditions and the menu, as earlier visitors leave them
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/blog/").content.decode()
    assert all(f"Card {number}" in html for number in range(3))
    # A column a card left out would be read by a query of its own per card (Django's LIMIT 21 get).
    assert [query["sql"] for query in captured if "LIMIT 21" in query["sql"]] == []


def test_an_article_page_shows_its_people_dates_topics_and_invitation(blog_site, client):
    stress = CategoryFactory(name="Managing stress")
    article = ArticlePageFactory(
        parent=blog_site.blog,
        title="Trust",
        slug="trust",
        categories=[stress],
        tags=["boundaries"],
        author=blog_site.author,
        clinically_reviewed_by=blog_site.reviewer,
        last_reviewed=ArticlePage._meta.get_field("date").default(),
        related_service=blog_site.service,
    )
    html = client.get(article.url).content.decode()
    assert 'By <a href="/team/anjali-mehta/">Anjali Mehta, LCSW</a>' in html
    assert 'Clinically reviewed by <a href="/team/grace-kim/">Grace Kim, LCSW</a> on <time' in html
    assert f"{article.reading_time} min read" in html
    assert '<a href="/blog/category/managing-stress/">Managing stress</a>' in html
    assert '<a href="/blog/tag/boundaries/">boundaries</a>' in html
    assert 'href="/contact/intake/?service=individual-therapy-for-relationship-issues"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a href="/blog/">Blog</a>' in html


def test_cards_are_read_without_the_articles_bodies(blog_site):
    """A card shows the summary: reading (and sorting) every body to skip to a far page of the
    blog was most of page 200's cost at 10,000 articles."""
    ArticlePageFactory.create_batch(2, parent=blog_site.blog)
    cards = list(ArticlePage.objects.visible().with_listing_data())
    assert cards and all("body" in card.get_deferred_fields() for card in cards)
