import pytest
from django.core.cache import caches

from livesite.redis import RedisServer
from readership.store import store_for
from siteplatform.cache_backends import LOCAL_ALIAS

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    """Each test counts from nothing, in memory, with the per-process rate limit reset."""
    settings.READERSHIP_REDIS_URL = ""
    settings.READERSHIP_ENABLED = True
    store_for.cache_clear()
    caches[LOCAL_ALIAS].clear()
    yield
    store_for.cache_clear()


@pytest.fixture(scope="module")
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_counts(settings, redis_server):
    """Counts waiting in a Redis of the test's own, as with REDIS_URL."""
    settings.READERSHIP_REDIS_URL = redis_server.url()
    store_for.cache_clear()
    store = store_for(redis_server.url())
    store.client.flushdb()
    return store


def beacon(client, path, *, referrer="", **headers):
    """What readership.js sends, from a browser on this site."""
    headers = {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_FETCH_SITE": "same-origin", **headers}
    return client.post("/readership/beacon", {"p": path, "r": referrer}, **headers)
