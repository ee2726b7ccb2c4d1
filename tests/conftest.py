"""Shared fixtures: a page tree built from factories, for any test that needs one."""

import pytest

from tests.factories import build_site


@pytest.fixture
def site_tree(db):
    """The home page and its top-level sections, published."""
    return build_site()
