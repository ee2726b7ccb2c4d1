"""Routing from the home page (`practice.models.routing.route_down`): the same pages and 404s as
Wagtail's own routing, with the pages along an address read in one query."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.blog.factories import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def article(blog_site):
    CategoryFactory(name="Managing stress", slug="managing-stress")
    return ArticlePageFactory(parent=blog_site.blog, title="Healing", slug="healing", author=blog_site.author)


def route(home, path):
    request = RequestFactory().get(path)
    return home.route(request, [part for part in path.split("/") if part])


def test_an_article_is_found_with_the_pages_on_its_address_in_one_query_and_its_own_row(blog_site, article):
    with CaptureQueriesContext(connection) as captured:
        page, args, kwargs = route(blog_site.home, "/blog/healing/")
    assert page.pk == article.pk and type(page).__name__ == "ArticlePage"
    # Wagtail's routing asks twice per level (the child by slug, then its own row): four here.
    assert len(captured) == 2
    assert page.get_parent().pk == blog_site.blog.pk  # the breadcrumbs' parent, with no query


def test_the_blog_answers_its_own_addresses_before_looking_for_an_article(blog_site, article):
    page, args, kwargs = route(blog_site.home, "/blog/category/managing-stress/")
    assert page.pk == blog_site.blog.pk
    assert args[0].__name__ == "category_route"
    response = Client().get("/blog/category/managing-stress/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/blog/no-such-article/", "/blog/healing/below-an-article/", "/no-such-page/healing/"]
)
def test_an_address_with_no_page_is_404(blog_site, article, path):
    with pytest.raises(Http404):
        route(blog_site.home, path)
    assert Client().get(path).status_code == 404


def test_a_draft_article_is_404_but_a_live_one_under_a_draft_blog_is_served_as_wagtail_serves_it(
    blog_site, article
):
    draft = ArticlePageFactory(parent=blog_site.blog, slug="draft", live=False, author=blog_site.author)
    assert Client().get(draft.url).status_code == 404
    blog_site.blog.unpublish()
    # A page under an unpublished section stays reachable at its address in Wagtail; the blog's
    # own addresses (its listings) are not.
    assert Client().get("/blog/healing/").status_code == 200
    assert Client().get("/blog/category/managing-stress/").status_code == 404
