"""A Redis outage under load, through gunicorn: Redis killed (-9) while visitors read pages and
send the contact form gives no 500 and loses no enquiry, and the page cache works again once
Redis is back. The reproducer of issue 17's F4.
"""

import threading
import time
import urllib.request

import pytest

from livesite import FormClient, LiveSite
from livesite.redis import RedisServer

pytestmark = pytest.mark.slow

PAGES = ["/", "/blog/", "/blog/healing-from-trust-issues/", "/services/", "/no-such-page/"]
OUTAGE_SECONDS = 8


def contact_answers(n):
    return {
        "preferred_name": f"Outage Visitor {n}",
        "email": f"outage{n}@example.com",
        "phone": "",
        "preferred_channel": "email",
        "message": f"Asking about evening sessions, message OUTAGE-{n}.",
        "acknowledge_not_emergency": "on",
        "acknowledge_privacy": "on",
    }


def test_killing_redis_under_load_gives_no_500_and_loses_no_enquiry():
    redis = RedisServer().start()
    # Every post comes from 127.0.0.1: a limit above the test's posts keeps them all accepted.
    site = LiveSite(
        env={"REDIS_URL": redis.url(), "CONTACT_RATE_LIMIT": "1000", "CONTACT_MIN_FILL_SECONDS": "0"}
    )
    try:
        site.start()
        statuses, accepted, lock = [], [], threading.Lock()
        stop = threading.Event()

        def read_pages():
            client = FormClient(site.url, timeout=30)
            while not stop.is_set():
                for path in PAGES:
                    status, _ = client.get(path)
                    with lock:
                        statuses.append((path, status))

        def send_forms(worker):
            client = FormClient(site.url, timeout=30)
            n = 0
            while not stop.is_set():
                n += 1
                marker = f"{worker}-{n}"
                try:
                    fields = client.form_fields("/contact/")
                except RuntimeError:
                    with lock:
                        statuses.append(("/contact/ GET", 500))
                    continue
                status, _, _ = client.post("/contact/", {**fields, **contact_answers(marker)})
                with lock:
                    statuses.append(("/contact/ POST", status))
                    if status == 302:
                        accepted.append(marker)

        threads = [threading.Thread(target=read_pages) for _ in range(3)]
        threads += [threading.Thread(target=send_forms, args=(w,)) for w in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        redis.kill()
        time.sleep(OUTAGE_SECONDS)
        redis.start()
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        errors = [(path, status) for path, status in statuses if status >= 500]
        assert errors == [], f"{len(errors)} of {len(statuses)} requests failed: {errors[:5]}"
        posts = [status for path, status in statuses if path == "/contact/ POST"]
        assert posts and set(posts) == {302}, posts
        # Through the models: enquiries are encrypted at rest.
        stored = site.shell(
            "from contact.models import ContactMessage\n"
            "for message in ContactMessage.objects.all():\n"
            "    print(message.message)\n"
        )
        missing = [m for m in accepted if f"message OUTAGE-{m}." not in stored]
        assert missing == [], f"{len(missing)} of {len(accepted)} accepted enquiries were not stored"

        # Redis is back (empty): pages are cached again.
        cache_states = []
        for _ in range(3):
            with urllib.request.urlopen(f"{site.url}/services/", timeout=10) as response:  # noqa: S310
                cache_states.append(response.headers.get("X-Cache"))
        assert cache_states[-1] == "HIT", cache_states
        # Once per process (two gunicorn workers), not once per request.
        cache_lines = [line for line in site.log().splitlines() if "The cache at" in line]
        assert 1 <= sum("cannot be reached" in line for line in cache_lines) <= 2, cache_lines
    finally:
        site.stop()
        redis.stop()
