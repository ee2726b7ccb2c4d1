"""Shared fixtures: a page tree built from factories, for any test that needs one."""

import pytest

from tests.factories import build_site


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Each test starts with no cached page (the cache outlives tests in one process), under a
    generation of its own process: xdist workers would otherwise share the machine's generation
    file and empty each other's page cache mid-test."""
    from django.core.cache import cache

    from siteplatform.page_cache import bump_generation

    settings.PAGE_CACHE_GENERATION_ALIAS = "default"
    cache.clear()
    bump_generation()


@pytest.fixture(autouse=True)
def leaves_the_default_language():
    """A test that leaves another language active in its thread makes later tests on the same
    xdist worker fail at random (the order differs from run to run): fail the one that leaks."""
    from django.conf import settings
    from django.utils import translation

    yield
    language = translation.get_language()
    translation.deactivate()
    assert language == settings.LANGUAGE_CODE, f"the test left {language!r} active"


@pytest.fixture
def every_cache_off(settings):
    """Pages rendered whole every time: no page cache and no fragments (what `make bench-render`
    measures)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def site_tree(db):
    """The home page and its top-level sections, published."""
    return build_site()


@pytest.fixture(scope="session")
def live_site():
    """The demo site served by gunicorn in its own process, on its own database.

    Shared by the whole session (per xdist worker): tests must not depend on each
    other's changes to it. Its contact rate limit is lifted for that reason: every browser test
    posts from 127.0.0.1, and which of them share a worker (and exhaust five posts a window)
    changes from run to run. The limit is tested in process and on sites of its own. Readership
    counts (kept in each gunicorn worker's memory, without Redis) are added at once, so a test
    sees them without waiting a minute.
    """
    from livesite import LiveSite

    site = LiveSite(env={"CONTACT_RATE_LIMIT": "1000000", "READERSHIP_FLUSH_SECONDS": "0"})
    site.start()
    yield site
    site.stop()


# Fixtures that start a real server (gunicorn, varnishd, a mail sink): their tests belong to the
# second tier (`make test-e2e`), whatever module they sit in.
SERVER_FIXTURES = frozenset({"live_site"})


def pytest_collection_modifyitems(items):
    """`make test` runs what needs neither a browser nor a server of its own (-m "not slow and
    not browser"); tests that start servers are marked slow here, so none slips into it."""
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_configure(config):
    """Live sites of this run (every xdist worker's) copy one migrated demo database."""
    if not hasattr(config, "workerinput"):
        from livesite import DatabaseTemplate

        DatabaseTemplate.start_run()


def pytest_sessionfinish(session):
    """The controller (not an xdist worker) removes the live sites' database templates."""
    if not hasattr(session.config, "workerinput"):
        from livesite import DatabaseTemplate

        DatabaseTemplate.drop_all()


@pytest.fixture
def korean(site_tree):
    """The site with a published Korean home page and services index (not its team page)."""
    from wagtail.models import Locale

    ko = Locale.objects.get(language_code="ko")
    for page in (site_tree.home, site_tree.services):
        translated = page.copy_for_translation(ko)
        translated.title = {"home": "홈", "services": "서비스"}.get(page.slug, translated.title)
        translated.save_revision().publish()
    return site_tree
