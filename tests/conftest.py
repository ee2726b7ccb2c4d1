"""Shared fixtures: a page tree built from factories, for any test that needs one."""

import pytest

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    """The home page and its top-level sections, published."""
    return build_site()


@pytest.fixture(scope="session")
def live_site():
    """The demo site served by gunicorn in its own process, on its own database.

    Shared by the whole session (per xdist worker): tests must not depend on each
    other's changes to it.
    """
    from tests.live import LiveSite

    site = LiveSite()
    site.start()
    yield site
    site.stop()
