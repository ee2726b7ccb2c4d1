"""`make bench`: the site in production mode, measured the way the speed issue asks.

One gunicorn site (2 workers, DEBUG off, SQLite, the demo with BENCH_ARTICLES articles; at
10,000 also 20 categories, 200 tags and 50 clinicians) and load from wrk on the same machine (the
threaded Python client when wrk is missing). For home, the blog index, the seed article, a
service page, the contact form and the feed it prints the bytes of each page raw and
compressed; the render table (bench/tiers.py: req/s and p95 cached, with the page cache off and
with both caches off, beside the bare-WSGI ceiling of each page's own bytes from a
framework-free app under the same gunicorn, and each one's share of it); "publish under load"
(bench/publish_load.py: errors, p99 and how soon each publish shows); the seed article through
the reference Varnish configuration; each worker's memory after 100,000 requests; the consultation
request's post latency; and what readership counting costs (bench/readership_bench.py: the cached
article with counting on and off, the beacon endpoint). BENCH_SECONDS (8) is the length of each
measurement.
"""

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import contact_bench, publish_load, readership_bench  # noqa: E402
from bench.load import hammer, wrk  # noqa: E402
from bench.shape import demo_args  # noqa: E402
from bench.tiers import TIERS, table  # noqa: E402
from livesite import FormClient, LiveSite, free_port, intake_answers  # noqa: E402
from livesite.varnish import Varnish  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", 500))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 16))
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))
# Requests served before the workers' memory is read (issue 19: at most 150 MB each after 100,000).
MEMORY_AFTER = int(os.environ.get("BENCH_MEMORY_AFTER", 100_000))

SEED_ARTICLE = "/blog/healing-from-trust-issues/"
PAGES = {
    "home": "/",
    "blog index": "/blog/",
    "seed article": SEED_ARTICLE,
    "service page": "/services/individual-therapy-for-relationship-issues/",
    "contact form": "/contact/",
    "feed": "/blog/feed/",
}
# The five page types wrk keeps busy while articles are published (the contact form is not cached).
PUBLISH_LOAD_PATHS = [path for name, path in PAGES.items() if name != "contact form"]
WRK = shutil.which("wrk")


def measure(url, seconds=SECONDS, connections=CLIENTS):
    """(req/s, p50 ms, p95 ms, errors, requests) from wrk, or from Python threads without it."""
    return wrk(url, seconds, connections) if WRK else hammer(url, seconds, connections)


def post(url, body, headers, seconds=SECONDS, connections=CLIENTS):
    """measure() of posts of `body` (form-encoded text) with `headers`."""
    if WRK:
        lines = "\n".join(f"{name}: {value}" for name, value in headers.items())
        return wrk(url, seconds, connections, {"BENCH_BODY": body, "BENCH_HEADERS": lines})
    return hammer(url, seconds, connections, data=body.encode(), headers=headers)


def fetch(url, encoding=None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return response.read(), response.headers


def page_bytes(url):
    """(raw bytes, compressed bytes as sent to a browser that accepts gzip and br, encoding)."""
    raw, _ = fetch(url)
    sent, headers = fetch(url, "gzip, br")
    encoding = headers.get("Content-Encoding", "")
    if not encoding:  # not compressed by the site: say what gzip would make of it
        return len(raw), len(gzip.compress(raw)), "none"
    return len(raw), len(sent), encoding


def production_site(articles=ARTICLES):
    """The site as production runs it (DEBUG off, gunicorn with 2 workers, SQLite), with the demo
    and `articles` generated articles."""
    env = {
        "DJANGO_SETTINGS_MODULE": "siteplatform.settings",
        "DEBUG": "False",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghij",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="practice-bench-static-"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_SECONDS": "0",
        **contact_bench.SERVER_ENV,
        **readership_bench.SERVER_ENV,
    }
    return LiveSite(
        env=env, demo_args=demo_args(articles, os.environ), collectstatic=True, workers=2, threads=1
    )


def restart(site, **env):
    site.stop_process("server")
    site.env.update(env)
    site.start_server()
    for path in PAGES.values():  # warm both workers' caches
        for _ in range(4):
            fetch(site.url + path)


def bare_ceiling(body):
    """req/s of the bare WSGI app serving `body` under gunicorn with the site's workers."""
    with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as handle:
        handle.write(body)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.bare_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "1",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_BODY_FILE": handle.name},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        return measure(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        os.unlink(handle.name)


def worker_memory_mb(site):
    """Resident memory of each gunicorn worker (children of the site's master process)."""
    master = site.process("server").pid
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == master:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def row(name, result):
    rps, p50, p95, errors = result[:4]
    return f"{name:<14} {rps:>9.1f} {p50:>9.1f} {p95:>8.1f} {errors:>7}"


def consultation_posts(site):
    contact_bench.run(site.url, clients=16, requests=48)  # warm up both workers
    if not WRK:
        return contact_bench.run(site.url, clients=16, requests=200)
    client = FormClient(site.url)
    hidden = client.form_fields(contact_bench.PATH)
    cookie = "; ".join(f"{c.name}={c.value}" for c in client.cookies)
    body = urllib.parse.urlencode({**hidden, **intake_answers(preferred_name="Bench client")}, doseq=True)
    env = {"BENCH_BODY": body, "BENCH_COOKIE": cookie, "BENCH_REFERER": site.url + contact_bench.PATH}
    rps, p50, p95, errors, count = wrk(site.url + contact_bench.PATH, SECONDS, 16, env)
    return {"p50_ms": p50, "p95_ms": p95, "rps": rps, "errors": errors, "requests": count}


def main():
    site = production_site()
    print(
        f"Preparing a production-mode site with {ARTICLES} articles ({' '.join(demo_args(ARTICLES, os.environ))})…",
        flush=True,
    )
    served = 0
    try:
        started = time.monotonic()
        site.start()
        print(f"migrated, loaded and serving in {time.monotonic() - started:.0f} s", flush=True)
        tool = "wrk" if WRK else "Python threads (install wrk for figures less bound by the client)"
        print(
            f"\n{CLIENTS} concurrent clients, {SECONDS:.0f} s each, gunicorn 2 workers, DEBUG off; load from {tool}"
        )

        print("\nbytes per page (raw / as sent to a browser that accepts compression)")
        restart(site, PAGE_CACHE_SECONDS="600")
        for name, path in PAGES.items():
            raw, sent, encoding = page_bytes(site.url + path)
            print(f"  {name:<14} {raw:>8,} raw  {sent:>7,} {encoding}")

        results = {}
        for tier, env in TIERS.items():
            restart(site, **env)
            print(f"measuring: {tier}", flush=True)
            for name, path in PAGES.items():
                result = measure(site.url + path)
                served += int(result[4])
                results[tier, name] = result
        ceilings = {}
        for name, path in PAGES.items():
            body, _ = fetch(site.url + path)
            ceilings[name] = bare_ceiling(body)
        print(
            f"\nrender table ({CLIENTS} clients, {SECONDS:.0f} s a cell)\n" + table(PAGES, results, ceilings)
        )

        if WRK:  # several paths at once need wrk's scripting
            restart(site, **TIERS["cached"])
            print(
                f"\npublish under load: an article every 2 s, {CLIENTS} connections on five page types, 30 s"
            )
            result = publish_load.run(site, PUBLISH_LOAD_PATHS, connections=CLIENTS)
            print(publish_load.report(result), flush=True)

        if Varnish.executable():
            varnish = Varnish(backend_port=site.port).start()
            try:
                fetch(varnish.url + SEED_ARTICLE)
                print(
                    f"\nthrough Varnish (deploy/varnish/default.vcl)\n{row('seed article', measure(varnish.url + SEED_ARTICLE))}"
                )
            finally:
                varnish.stop()

        # Every page type in turn (wrk's BENCH_PATHS), and searches, each words of its own (a
        # render every time), so that what a worker keeps per address shows if it grows.
        memory_paths = ",".join([*PAGES.values(), *(f"/search/?q=trust+{n}" for n in range(50))])
        started = time.monotonic()
        while served < MEMORY_AFTER:
            if WRK:
                served += int(wrk(site.url + SEED_ARTICLE, 5, CLIENTS, {"BENCH_PATHS": memory_paths})[4])
            else:
                served += int(measure(site.url + SEED_ARTICLE, seconds=5)[4])
        memory = ", ".join(f"{size:.0f} MB" for size in worker_memory_mb(site))
        print(
            f"\ngunicorn workers' memory after {served:,} requests "
            f"({time.monotonic() - started:.0f} s over every page type and 50 searches): {memory}"
        )

        result = consultation_posts(site)
        print(
            f"\nconsultation request (valid post, 302), 16 concurrent clients, {result.get('requests')} posts: "
            f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
            f"{result['rps']:.1f} req/s, errors {result.get('errors', 0)}"
        )

        print(f"\nreadership numbers (bench/readership_bench.py; {CLIENTS} clients, {SECONDS:.0f} s a cell)")
        print(readership_bench.run(site, restart=restart, measure=measure, post=post), flush=True)
    finally:
        site.stop()
        shutil.rmtree(site.env["STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
