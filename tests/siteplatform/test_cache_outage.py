"""Redis is an optimisation, not a dependency: with the shared cache gone, pages still render
(uncached), the forms still accept enquiries (the rate limit counts per process), nothing is a
500, the outage is logged once, and caching resumes when Redis is back.

In process, against a redis-server of the test's own that it kills and restarts; the same
under load through gunicorn is tests/siteplatform/test_cache_outage_live.py.
"""

import logging
import time

import pytest
from django.core.cache import caches

from contact.models import Submission
from livesite.redis import RedisServer
from siteplatform.cache_backends import LOCAL_ALIAS, RETRY_SECONDS, redis_caches
from tests.contact.factories import contact_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture
def shared_cache(settings, redis_server):
    """The site's caches as settings make them for REDIS_URL, on the test's own Redis."""
    settings.CACHES = redis_caches(redis_server.url())
    settings.PAGE_CACHE_GENERATION_ALIAS = "default"
    settings.PAGE_CACHE_ALIAS = "pages"
    caches[LOCAL_ALIAS].clear()  # the per-process rate-limit counts of earlier tests
    yield redis_server
    for alias in settings.CACHES:
        caches[alias].close()


def wait_for_retry():
    time.sleep(RETRY_SECONDS + 0.1)


def test_pages_render_without_redis_and_are_cached_again_when_it_returns(client, site_tree, shared_cache):
    pages = ["/", "/services/", "/team/", "/no-such-page/"]
    for url in pages:
        client.get(url)
    assert client.get("/")["X-Cache"] == "HIT"

    shared_cache.kill()
    for url in pages:
        response = client.get(url)
        assert response.status_code == (404 if "no-such" in url else 200), url
        assert "X-Cache" not in response or response["X-Cache"] == "MISS"

    shared_cache.start()
    wait_for_retry()
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"


def test_forms_are_accepted_without_redis_and_the_outage_is_logged_once(
    client, site_tree, shared_cache, caplog
):
    shared_cache.kill()
    with caplog.at_level(logging.WARNING):
        statuses = [
            client.post("/contact/", contact_post_data(message=f"Enquiry number {n} while Redis is down."))
            for n in range(3)
        ]
        for _ in range(5):
            client.get("/")
    assert [response.status_code for response in statuses] == [302, 302, 302]
    assert Submission.objects.count() == 3
    outage_lines = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(outage_lines) == 1, [r.getMessage() for r in caplog.records]


def test_the_rate_limit_falls_back_to_a_per_process_limit(client, site_tree, shared_cache, settings):
    settings.CONTACT_RATE_LIMIT = 2
    shared_cache.kill()
    statuses = [client.post("/contact/", contact_post_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Submission.objects.count() == 2


def test_an_answer_that_left_redis_before_it_died_does_not_end_the_outage(shared_cache, caplog):
    """Under load, one thread's reply can arrive after another thread has seen Redis die: that
    late success says nothing about now, so the outage stays marked and is logged once, not
    ended and started again (which logged a second "cannot be reached" per process)."""
    cache = caches["default"]

    def answered_before_the_crash():
        shared_cache.kill()
        cache.get("asked-by-another-thread")  # fails, and marks Redis down
        return "the late answer"

    with caplog.at_level(logging.WARNING):
        assert cache.guarded(answered_before_the_crash, lambda: None) == "the late answer"
    messages = [r.getMessage() for r in caplog.records]
    assert sum("cannot be reached" in m for m in messages) == 1, messages
    assert not any("answers again" in m for m in messages), messages
    assert not cache.available
