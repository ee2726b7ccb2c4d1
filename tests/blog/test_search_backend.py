"""Search on PostgreSQL uses PostgreSQL's own full-text search (Wagtail's "database" backend
picks it there), and finds the seed article by "trust"."""

import pytest
from django.db import connection
from django.test import Client
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends import get_search_backend

from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


def test_search_on_postgresql_is_postgresqls_full_text_search(on_postgresql, blog_site):
    assert isinstance(get_search_backend(), PostgresSearchBackend)
    ArticlePageFactory(
        parent=blog_site.blog,
        slug="healing-from-trust-issues",
        title="Healing From Trust Issues in Personal Relationships",
        body=[("paragraph", "<p>Rebuilding trust takes time, and it starts with you.</p>")],
    )
    html = Client().get("/search/", {"q": "trust"}).content.decode()
    assert "/blog/healing-from-trust-issues/" in html
    assert "Healing From Trust Issues in Personal Relationships" in html
