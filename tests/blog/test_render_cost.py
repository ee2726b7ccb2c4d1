"""What a page costs to render with every cache off (issue 19, `make bench-render`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage
from tests.blog.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_cache_off")]


def test_the_home_page_finds_the_blog_once_for_its_feed_link_and_its_latest_articles(client, blog_site):
    ArticlePageFactory(parent=blog_site.blog, title="Healing", slug="healing", author=blog_site.author)
    table = BlogIndexPage._meta.db_table
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    assert len([query for query in first if f'"{table}"' in query["sql"]]) == 1
    # Then the blog's links are part of the site's structure (siteplatform.structure) until the
    # next content change: no query for them at all.
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert [query for query in captured if f'"{table}"' in query["sql"]] == []
    assert 'href="/blog/feed/"' in html and 'href="/blog/healing/"' in html
