"""One render per page per generation through gunicorn (2 workers x 4 threads): after a publish,
16 visitors asking for the stale article at once get the new page, and exactly one of them was
rendered (`X-Cache: MISS`); the others waited for it (`WAIT`) or came after (`HIT`). With Redis
(a database of this test's own on the machine's server), and with the machine caches settings
use without REDIS_URL, where the workers agree through a file cache and hand the page over.

The same in process, counting renders on the page's serve: tests/siteplatform/test_single_flight.py.
"""

import re
import threading
import urllib.request
from collections import Counter

import pytest
import redis

from livesite import LiveSite, redis_url

pytestmark = pytest.mark.slow

REDIS_URL = redis_url(13)  # 13, 14, …: one database per xdist worker
ARTICLE = "/blog/healing-from-trust-issues/"
NEW_TITLE = "Healing from trust issues, rendered once"
VISITORS = 16
# A bound, never a measure: no waiter gives up on the one render however busy the machine is.
WAIT_SECONDS = "30"


@pytest.fixture(scope="module", params=["redis", "machine caches"])
def site(request):
    env = {"PAGE_CACHE_RENDER_WAIT_SECONDS": WAIT_SECONDS}
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL).flushdb()
        except redis.ConnectionError:
            pytest.fail(
                f"Redis is not answering at {REDIS_URL}: `.ci/run` starts one (Debian's redis-server)"
            )
        env["REDIS_URL"] = REDIS_URL
    site = LiveSite(env=env, workers=2, threads=4)
    try:
        site.start()
        yield site
    finally:
        site.stop()


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.headers.get("X-Cache"), response.read().decode()


def title(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def visit_together(url):
    """(status, X-Cache, body) of VISITORS GETs of `url` sent at once, each from its own thread."""
    answers, lock = [], threading.Lock()
    start = threading.Barrier(VISITORS, timeout=30)

    def visit():
        start.wait()
        answer = get(url)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=visit) for _ in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert len(answers) == VISITORS, "a request never came back"
    return answers


def test_a_publish_costs_one_render_for_sixteen_visitors_at_once(site):
    for _ in range(4):  # cached before the publish, in whichever worker answered
        assert get(site.url + ARTICLE)[0] == 200

    site.shell(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='healing-from-trust-issues')\n"
        f"page.title = {NEW_TITLE!r}\n"
        "page.save_revision().publish()\n"
    )
    answers = visit_together(site.url + ARTICLE)

    assert [(status, title(body)) for status, _, body in answers] == [(200, NEW_TITLE)] * VISITORS
    states = Counter(state for _, state, _ in answers)
    assert states["MISS"] == 1, states
    assert set(states) <= {"MISS", "WAIT", "HIT"}, states
