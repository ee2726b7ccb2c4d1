"""The page cache holds what the site is, not what a visitor can type: a flood of random
addresses adds a bounded number of entries; and a new release never serves a page or a
fragment that the previous release's code rendered, on the same Redis.
"""

import random
import string

import pytest
from django.core.cache import caches

from livesite.redis import RedisServer
from siteplatform.cache_backends import redis_caches
from siteplatform.page_cache import cached_fragment

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(settings):
    """The site's caches as settings make them for REDIS_URL, on a Redis of the test's own."""
    with RedisServer() as server:
        settings.CACHES = redis_caches(server.url())
        settings.PAGE_CACHE_GENERATION_ALIAS = "default"
        settings.PAGE_CACHE_ALIAS = "pages"
        yield server
        for alias in settings.CACHES:
            caches[alias].close()


def random_word(rng, length=8):
    return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(length))


FLOOD = 2000  # an unbounded cache would keep over 1,000 of them; the bound below is 300


@pytest.mark.slow  # 2,000 renders: most of a minute on two shared cores
def test_two_thousand_random_addresses_add_at_most_a_few_hundred_entries(client, site_tree, redis):
    rng = random.Random(17)
    pages = ["/", "/services/", "/team/"]
    for url in pages:  # the site's own pages, cached as usual
        client.get(url)
    before = redis.dbsize()
    statuses = set()
    for n in range(FLOOD):
        kind = n % 5
        if kind == 0:
            url = f"{rng.choice(pages)}?{random_word(rng)}=1"
        elif kind == 1:
            url = f"/?page={rng.randrange(1, 10**6)}"
        elif kind == 2:
            url = f"/{random_word(rng)}/"
        elif kind == 3:
            url = f"/{random_word(rng)}"  # a 301 to the address with a slash
        else:
            url = f"/{random_word(rng)}.php?{random_word(rng)}={random_word(rng)}"
        statuses.add(client.get(url).status_code)
    added = redis.dbsize() - before
    assert statuses <= {200, 301, 404}
    assert added <= 300, f"{added} entries for {FLOOD:,} random addresses"
    # The site's own pages are still answered from the cache.
    assert [client.get(url)["X-Cache"] for url in pages] == ["HIT"] * len(pages)


def test_unknown_parameters_neither_make_entries_nor_get_another_visitors_page(client, site_tree):
    client.get("/team/")
    filtered = client.get("/team/?language=ko")
    assert "X-Cache" not in filtered  # the finder's choices: rendered for this visitor
    assert client.get("/?anything=1").status_code == 200
    assert "X-Cache" not in client.get("/?anything=1")
    client.get("/")
    assert client.get("/?utm_source=news")["X-Cache"] == "HIT"


def test_a_new_release_serves_no_page_or_fragment_of_the_old_one(client, site_tree, redis, settings):
    settings.RELEASE = "release-a"
    client.get("/services/")
    assert client.get("/services/")["X-Cache"] == "HIT"
    assert cached_fragment("test:marker", lambda: "rendered by release A") == "rendered by release A"

    settings.RELEASE = "release-b"  # the same Redis, the next deploy's code
    assert client.get("/services/")["X-Cache"] == "MISS"
    assert client.get("/services/")["X-Cache"] == "HIT"
    assert cached_fragment("test:marker", lambda: "rendered by release B") == "rendered by release B"

    # A host still on the old code meanwhile keeps to its own entries, too.
    settings.RELEASE = "release-a"
    assert cached_fragment("test:marker", lambda: "not used") == "rendered by release A"


def test_the_release_defaults_to_the_commit_and_the_environment_names_it(settings):
    from siteplatform.release import git_commit, identify, source_hash

    root = settings.BASE_DIR
    assert identify(root, {"RELEASE": "2025-06-01.1"}) == "2025-06-01.1"
    commit = git_commit(root)
    assert commit is None or identify(root, {}) == commit
    assert source_hash(root) == source_hash(root)
    assert settings.RELEASE


def test_with_fragments_off_every_page_builds_its_parts_afresh(settings):
    """FRAGMENT_CACHE_SECONDS=0 is how `make bench` measures a render with both caches off."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    built = []
    for _ in range(2):
        cached_fragment("test:off", lambda: built.append(1) or "part")
    assert len(built) == 2
