"""What the practice's migration tests share: migrating to a point, the schema put back after the
test, and the tree's root at that point.

The tests are transactional: a transactional test that ran before on the same worker flushed
every table, Wagtail's root page and first locale included (they come from data migrations), so
the root is made again when it is missing.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    """Every app back at its latest migration after the test: a transactional test that ran next
    on this worker would otherwise meet an old schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def tree_root(apps):
    """The root page and a locale in the historical models `apps`, made when a flush removed them."""
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        root = Page.objects.create(
            title="Root", slug="root", path="0001", depth=1, numchild=0, url_path="/",
            content_type=content_type, locale=locale,
        )  # fmt: skip
    return root, locale
