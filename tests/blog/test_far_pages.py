"""A far page of a listing (page 200 of 10,000 articles) sorts the articles' ids to find its 12,
then reads only those 12 whole: sorting whole rows to skip thousands cost twice as much (issue 19)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import ArticlePage
from blog.models.queries import ListingPaginator
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_far_page_shows_the_same_articles_in_the_same_order(blog_site):
    for day in range(30):
        ArticlePageFactory(
            parent=blog_site.blog, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day % 7)
        )
    articles = ArticlePage.objects.visible().newest_first().with_listing_data()
    expected = list(articles.all())
    paginator = ListingPaginator(articles, 12)
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            shown = list(paginator.page(number))
        assert shown == expected[(number - 1) * 12 : number * 12]
        assert all(hasattr(article, "category_name") for article in shown)
        listing = next(
            query["sql"]
            for query in captured
            if "blog_articlepage" in query["sql"] and "COUNT" not in query["sql"]
        )
        if number > 1:  # only the ids are sorted to skip the first pages
            outer, _, inner = listing.partition(" IN (SELECT")
            assert "OFFSET" in inner and "OFFSET" not in outer
