"""`make bench`: the site in production mode with 500 articles, under load.

Starts gunicorn (2 workers, DEBUG off, collected and compressed static files) on a fresh
SQLite database (or a fresh PostgreSQL database when DATABASE_URL points at one), loads
the demo content plus 500 generated articles, then prints requests per second and
latency for the home page, the blog index, an article and the feed, and the p95 of a
valid consultation request at 16 concurrent clients. A script, not a test: compare its
figures between changes on the same machine.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from livesite import LiveSite  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", 500))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 8))
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))


def production_site():
    static_root = tempfile.mkdtemp(prefix="practice-bench-static-")
    env = {
        "DJANGO_SETTINGS_MODULE": "practice.settings",
        "DEBUG": "False",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghij",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }
    try:
        from bench import contact_bench

        env.update(getattr(contact_bench, "SERVER_ENV", {}))
    except ImportError:
        contact_bench = None
    site = LiveSite(
        env=env, demo_args=["--articles", str(ARTICLES)], collectstatic=True, workers=2, threads=1
    )
    return site, contact_bench


def hammer(url, seconds, clients):
    """Request `url` from `clients` threads for `seconds`; return (req/s, median ms, p95 ms, errors)."""
    deadline = time.monotonic() + seconds
    latencies, errors = [], []

    def loop():
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local server
                    response.read()
                    if response.status != 200:
                        errors.append(response.status)
            except Exception as error:  # noqa: BLE001
                errors.append(repr(error))
            mine.append((time.perf_counter() - start) * 1000)
        return mine

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        for result in pool.map(lambda _: loop(), range(clients)):
            latencies.extend(result)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if ordered else 0
    return len(latencies) / elapsed, statistics.median(ordered), p95, len(errors)


WRK = shutil.which("wrk")
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")


def wrk(url, seconds, connections, env=None):
    """Run wrk (C, so the load generator does not eat the server's CPU).

    Returns (req/s, p50 ms, p95 ms, errors, requests)."""
    result = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "-s", str(WRK_SCRIPT), url],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    fields = dict(item.split("=") for item in line.split()[1:])
    return (
        float(fields["rps"]),
        float(fields["p50"]),
        float(fields["p95"]),
        int(fields["errors"]),
        fields["requests"],
    )


def wrk_post_env(site, contact_bench):
    """What wrk needs to send valid consultation requests: one visitor's cookie, token and answers."""
    from livesite import FormClient, intake_answers

    client = FormClient(site.url)
    hidden = client.form_fields(contact_bench.PATH)
    jar = next(h.cookiejar for h in client.opener.handlers if hasattr(h, "cookiejar"))
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    body = urllib.parse.urlencode({**hidden, **intake_answers(preferred_name="Bench client")}, doseq=True)
    return {"BENCH_BODY": body, "BENCH_COOKIE": cookie, "BENCH_REFERER": site.url + contact_bench.PATH}


def main():
    site, contact_bench = production_site()
    print(f"Preparing a production-mode site with {ARTICLES} articles…", flush=True)
    try:
        site.start()
        article = site.shell(
            "from blog.models import ArticlePage\n"
            "print(ArticlePage.objects.live().order_by('-date').first().url)"
        ).strip()
        targets = {"home": "/", "blog index": "/blog/", "article": article, "feed": "/blog/feed/"}
        for url in targets.values():  # warm renditions and caches
            urllib.request.urlopen(site.url + url).read()  # noqa: S310
        tool = "wrk" if WRK else "Python threads (install wrk for figures less bound by the client)"
        print(
            f"\n{CLIENTS} concurrent clients, {SECONDS:.0f} s each, gunicorn 2 workers, DEBUG off; load from {tool}"
        )
        print(f"{'page':<12} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
        for name, url in targets.items():
            measure = wrk if WRK else hammer
            rps, median, p95, errors = measure(site.url + url, SECONDS, CLIENTS)[:4]
            print(f"{name:<12} {rps:>8.1f} {median:>10.1f} {p95:>8.1f} {errors:>7}", flush=True)
        if contact_bench is not None:
            contact_bench.run(site.url, clients=16, requests=48)  # warm up both workers
            if WRK:
                rps, p50, p95, errors, count = wrk(
                    site.url + contact_bench.PATH, SECONDS, 16, wrk_post_env(site, contact_bench)
                )
                result = {"p50_ms": p50, "p95_ms": p95, "rps": rps, "errors": errors, "requests": count}
            else:
                result = contact_bench.run(site.url, clients=16, requests=200)
            print(
                f"\nconsultation request (valid post, 302), 16 concurrent clients, {result.get('requests')} posts: "
                f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
                f"{result['rps']:.1f} req/s, errors {result.get('errors', 0)}"
            )
    finally:
        site.stop()
        subprocess.run(["rm", "-rf", site.env["STATIC_ROOT"]], check=False)


if __name__ == "__main__":
    main()
