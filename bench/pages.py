"""In-process render times and query counts of the pages that grow with the blog (issue 19).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/pages.py [runs]

Against a database already loaded (`load_demo_content --articles N …`), with the page cache
off (PAGE_CACHE_SECONDS=0) and fragments warm, in this process (no server, no network): for
each page, p50 and p95 of `runs` requests (default 30) and the queries one request makes.
Timings move with whatever else the machine is doing; query counts do not.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "blog index": "/blog/",
    "blog page 200": "/blog/?page=200",
    "category": "/blog/category/{category}/",
    "tag": "/blog/tag/{tag}/",
    "seed article": "/blog/healing-from-trust-issues/",
    "search trust": "/search/?q=trust",
    "feed": "/blog/feed/",
    "sitemap.xml": "/sitemap.xml",
    "sitemap-1.xml": "/sitemap-1.xml",
}


def setup():
    # The suite's settings: production ones with plain static storage (no collectstatic needed).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdefghij")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def addresses():
    """PAGES with the busiest category and tag of the blog filled in."""
    from django.db.models import Count
    from taggit.models import Tag

    from blog.models import Category

    category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("blog_articlepagetag_items")).order_by("-n").first()
    return {name: path.format(category=category.slug, tag=tag.slug) for name, path in PAGES.items()}


def measure(client, path, runs):
    """(p50 ms, p95 ms, queries of one request, status)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # renditions, fragments, the site record
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    count = len(queries)  # now: the next request clears the connection's log
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], count, status


def main(runs=30):
    setup()
    from django.test import Client

    from blog.models import ArticlePage

    client = Client(HTTP_HOST="localhost")
    print(f"{ArticlePage.objects.live().count()} live articles; page cache off, fragments warm, {runs} runs")
    print(f"{'page':<15} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'status':>7}")
    for name, path in addresses().items():
        p50, p95, queries, status = measure(client, path, runs)
        print(f"{name:<15} {p50:>8.1f} {p95:>8.1f} {queries:>8} {status:>7}", flush=True)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
