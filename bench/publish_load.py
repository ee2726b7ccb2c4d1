"""`make bench`'s "publish under load": wrk keeps 16 connections on five page types for 30 s
while bench/publisher.py publishes an article every 2 s; prints wrk's errors and p99, and for
each publish how long until its new title was on its page (polled every 50 ms).

The goal (issue 19): no error, p99 <= 250 ms, every title visible within 1 s.
"""

import html
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench.load import wrk_fields

ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.05
GIVE_UP_SECONDS = 10


def visible_after(url, title, published_at):
    """Seconds from the publish until `title` is on the page at `url` (None after GIVE_UP_SECONDS)."""
    needle = html.escape(title).encode()
    while time.time() - published_at < GIVE_UP_SECONDS:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local site
                if needle in response.read():
                    return time.time() - published_at
        except OSError:
            pass
        time.sleep(POLL_SECONDS)
    return None


def run(site, paths, *, seconds=30, connections=16, every=2.0):
    """{"wrk": wrk's figures, "visible": [seconds or None per publish]}."""
    count = int(seconds // every) - 1
    publisher = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "publisher.py"), str(every), str(count)],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    visible = []
    pollers = []

    def follow():
        for line in publisher.stdout:
            if not line.startswith("PUBLISHED "):
                continue
            _, at, path, title = line.rstrip("\n").split(" ", 3)
            poller = threading.Thread(
                target=lambda p=path, t=title, a=float(at): visible.append(visible_after(site.url + p, t, a))
            )
            poller.start()
            pollers.append(poller)

    follower = threading.Thread(target=follow)
    follower.start()
    try:
        figures = wrk_fields(site.url + paths[0], seconds, connections, {"BENCH_PATHS": ",".join(paths)})
    finally:
        publisher.wait(timeout=seconds + 60)
        follower.join()
        for poller in pollers:
            poller.join()
    return {"wrk": figures, "visible": visible}


def report(result):
    figures, visible = result["wrk"], result["visible"]
    seen = sorted(v for v in visible if v is not None)
    lines = [
        f"  wrk: {figures['requests']:.0f} requests, {figures['rps']:.1f} req/s, errors {figures['errors']:.0f}, "
        f"p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms, max {figures['max']:.1f} ms",
        f"  {len(visible)} publishes; new title visible after (ms): "
        + ", ".join("never" if v is None else f"{v * 1000:.0f}" for v in visible),
    ]
    if seen:
        lines.append(f"  visible: median {seen[len(seen) // 2] * 1000:.0f} ms, max {seen[-1] * 1000:.0f} ms")
    goal = (
        figures["errors"] == 0
        and figures["p99"] <= 250
        and len(seen) == len(visible)
        and (not seen or seen[-1] <= 1)
    )
    lines.append(f"  goal (0 errors, p99 <= 250 ms, every title within 1 s): {'met' if goal else 'NOT met'}")
    return "\n".join(lines)
