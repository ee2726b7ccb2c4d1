"""The per-address rate limit holds under parallel posts: counting is atomic, before saving."""

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from livesite import FormClient, LiveSite, redis_url

pytestmark = pytest.mark.slow

LIMIT = 5
THREADS = 16
REDIS_URL = redis_url(2)  # 2, 3, …: one database per xdist worker


def _redis_available():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def _message(index):
    return {
        "preferred_name": f"Parallel person {index}",
        "email": f"parallel{index}@example.com",
        "phone": "",
        "preferred_channel": "email",
        "message": "Do you have evening appointments?",
        "acknowledge_not_emergency": "on",
        "acknowledge_privacy": "on",
    }


@pytest.mark.parametrize(
    ("cache", "workers", "threads"),
    # In-process memory is per gunicorn process, so that case runs one process with threads;
    # Redis is shared by every process, as in production.
    [("memory", 1, THREADS), ("redis", 2, THREADS // 2)],
)
def test_16_parallel_posts_from_one_address_save_exactly_the_limit(cache, workers, threads):
    env = {
        "CONTACT_RATE_LIMIT": str(LIMIT),
        "CONTACT_MIN_FILL_SECONDS": "0",
        # The rate-limit key is keyed by SECRET_KEY: a fresh one keeps this run's count its own.
        "SECRET_KEY": "rate-limit-test-" + secrets.token_hex(24),
    }
    if cache == "redis":
        if not _redis_available():
            pytest.skip(f"no Redis at {REDIS_URL}")
        env["REDIS_URL"] = REDIS_URL
    with LiveSite(env=env, demo=False, workers=workers, threads=threads) as site:
        clients = [FormClient(site.url) for _ in range(THREADS)]
        hidden = [client.form_fields("/contact/") for client in clients]

        def post(index):
            status, body, _ = clients[index].post("/contact/", {**hidden[index], **_message(index)})
            return status if status in (302, 429) else (status, body[:300])

        with ThreadPoolExecutor(THREADS) as pool:
            statuses = list(pool.map(post, range(THREADS)))
        saved = site.shell("from contact.models import Submission\nprint(Submission.objects.count())")

    assert sorted(statuses, key=str) == [302] * LIMIT + [429] * (THREADS - LIMIT)
    assert saved.strip() == str(LIMIT)
