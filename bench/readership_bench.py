"""`make bench`, readership numbers (issue 23): what counting costs the site.

- The cached seed article's requests per second with counting on (`READERSHIP_ENABLED`: the page
  names the beacon script) and off, measured off, on, on, off so a drift of the machine falls on
  both alike. The bar: on within 5 % of off.
- The beacon endpoint itself: valid beacons (a browser's headers, a live page's path) posted as
  fast as the same gunicorn (2 workers) answers, with the counts in each worker's memory (one
  machine, `make serve`) and, when redis-server is installed, in a Redis of the bench's own. The
  bar: at least 1,000 req/s with a p95 of at most 10 ms on 2 cores. wrk keeps a fixed number of
  posts in flight, so a post waits behind the others and the latency is about connections ÷
  throughput (16 connections at 1,300 req/s: 12 ms on average, whatever the beacon costs): each
  store is measured with 4, 8 and 16 connections, and the bar is met when one of them reaches
  both figures.

`bench/run.py` runs it after its own measurements on the same site; `python bench/readership_bench.py`
runs it alone on a site of its own (BENCH_ARTICLES, 500 by default; BENCH_SECONDS, 8, per cell).
"""

import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from livesite.redis import RedisServer  # noqa: E402

# Every beacon comes from 127.0.0.1: the per-address limit (60 a minute) would answer most
# without counting them, which costs less than counting and would flatter the figures.
SERVER_ENV = {"READERSHIP_RATE_LIMIT": "1000000000"}

ARTICLE = "/blog/healing-from-trust-issues/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
BEACON_HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Sec-Fetch-Site": "same-origin",
    "User-Agent": BROWSER,
}
BEACON_BODY = urllib.parse.urlencode({"p": ARTICLE, "r": "www.psychologytoday.com"})
WITHIN = 0.05  # the cached article with counting on may lose at most this share of req/s
BEACON_RPS, BEACON_P95_MS = 1000, 10.0
LOADS = (4, 8, 16)  # connections posting beacons at once


def run(site, *, restart, measure, post):
    """Measures on the running `site` and returns the table's text. `restart(site, **env)`
    restarts gunicorn with more environment and warms it; `measure(url)` and
    `post(url, body, headers)` return (req/s, p50 ms, p95 ms, errors, requests)."""
    article = {}
    for enabled in ("False", "True", "True", "False"):
        restart(site, PAGE_CACHE_SECONDS="600", READERSHIP_ENABLED=enabled)
        article.setdefault(enabled, []).append(measure(site.url + ARTICLE))
    off, on = (mean(article[state]) for state in ("False", "True"))

    beacons = {"in memory": beacon_loads(site, post)}
    if RedisServer.executable():
        with RedisServer() as redis:
            restart(site, READERSHIP_REDIS_URL=redis.url())
            beacons["in Redis"] = beacon_loads(site, post)
        restart(site, READERSHIP_REDIS_URL="")

    change = (on[0] - off[0]) / off[0] if off[0] else 0.0
    lines = [
        f"{'':<34} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}",
        cells("seed article, counting off", off),
        cells("seed article, counting on", on),
        f"{'  on against off':<34} {change:>+9.1%}   {verdict(change >= -WITHIN)} (bar: within {WITHIN:.0%})",
    ]
    for store, loads in beacons.items():
        for connections, result in loads.items():
            lines.append(cells(f"beacon, counts {store}, {connections:>2} conn.", result))
        good = any(rps >= BEACON_RPS and p95 <= BEACON_P95_MS for rps, _, p95, *_ in loads.values())
        lines.append(f"{'  beacon, counts ' + store:<34} {'':>9}   {verdict(good)}")
    lines.append(
        f"  (bar for the beacon: at least {BEACON_RPS:,} req/s with p95 at most {BEACON_P95_MS:.0f} ms)"
    )
    return "\n".join(lines)


def beacon_loads(site, post):
    """{connections: result} of the beacon under each load."""
    url = site.url + "/readership/beacon"
    return {
        connections: post(url, BEACON_BODY, BEACON_HEADERS, connections=connections) for connections in LOADS
    }


def mean(results):
    """The mean of each figure of several measurements of one cell."""
    return tuple(sum(figures) / len(figures) for figures in zip(*results, strict=True))


def cells(name, result):
    rps, p50, p95, errors = result[:4]
    return f"{name:<34} {rps:>9.1f} {p50:>8.1f} {p95:>8.1f} {errors:>7.0f}"


def verdict(good):
    return "meets the bar" if good else "MISSES THE BAR"


def main():
    from bench import run as bench

    site = bench.production_site()
    print(f"Preparing a production-mode site with {bench.ARTICLES} articles…", flush=True)
    try:
        site.start()
        print(f"\nreadership ({bench.CLIENTS} clients, {bench.SECONDS:.0f} s a cell, gunicorn 2 workers)")
        print(run(site, restart=bench.restart, measure=bench.measure, post=bench.post))
    finally:
        site.stop()


if __name__ == "__main__":
    main()
