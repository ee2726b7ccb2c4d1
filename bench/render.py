"""`make bench-render`: what each public page type costs to render, in process, with every cache off.

The demo content (`--articles N` generated articles on top) is loaded into a throwaway SQLite
database, as `make bench` prepares its site, and each page type is requested through Django's
test Client with the page cache off (PAGE_CACHE_SECONDS=0) and fragments built every time
(FRAGMENT_CACHE_SECONDS=0), DEBUG off. The site's structure (the Site, Locales, settings rows and
private sections every page reads, siteplatform/structure.py) is read once per content generation in
each process; `--after-publish` starts a new generation before every render, so each pays for it
too, as the first render of a process after a publish does. Printed per page type: the median and the fastest of
`--rounds` renders in milliseconds (wall clock), the median CPU time of this process (SQLite runs
in it: the steadier figure on a busy machine), and the queries of one render. Two requests per page first
warm Python's own caches, as a visitor after the first one sees it; the demo's renditions are
made when it loads, as production makes them ahead (minutes: use --keep to load it once).

    .venv/bin/python bench/render.py                          # the table
    .venv/bin/python bench/render.py --profile /tmp/article.prof --page article
    .venv/bin/python bench/render.py --keep /tmp/render-db    # reuse the loaded database next time
    .venv/bin/python bench/render.py --scale --articles 10000 --warm-fragments --keep /tmp/10k
                                   # the pages that must not grow with the blog (issue 19's 10,000)

Timings are wall-clock on a shared machine: compare medians of several runs.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shape import demo_args  # noqa: E402

# One of each public page type (livesite/pages.py names the same demo pages), and an English
# article reached from a Korean address: the routing's fallback to English.
PAGES = {
    "home": "/",
    "services index": "/services/",
    "service": "/services/individual-therapy-for-relationship-issues/",
    "team": "/team/",
    "clinician": "/team/anjali-mehta/",
    "standard page": "/fees-and-insurance/",
    "blog index": "/blog/",
    "category": "/blog/category/managing-stress/",
    "tag": "/blog/tag/trust/",
    "article": "/blog/healing-from-trust-issues/",
    "search": "/search/?q=therapy",
    "feed": "/blog/feed/",
    "article, /ko/ fallback": "/ko/blog/healing-from-trust-issues/",
}
# The pages whose cost must not grow with the number of articles (--scale): a far listing page,
# the busiest category and tag, search, the feed and the sitemap's index and first section.
SCALE_PAGES = {
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


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="renders per page type (default 30)")
    parser.add_argument("--articles", type=int, default=0, help="generated articles on top of the demo's")
    parser.add_argument(
        "--keep", metavar="DIR", help="keep the database and media in DIR, reuse them if there"
    )
    parser.add_argument("--profile", metavar="PATH", help="write a cProfile of --page's renders to PATH")
    parser.add_argument("--page", default="article", choices=sorted(PAGES), help="the page --profile renders")
    parser.add_argument("--only", nargs="*", choices=sorted(PAGES), help="measure only these page types")
    parser.add_argument("--scale", action="store_true", help="the pages that must not grow with the blog")
    parser.add_argument(
        "--warm-fragments", action="store_true", help="keep fragments (FRAGMENT_CACHE_SECONDS as set)"
    )
    parser.add_argument(
        "--after-publish",
        action="store_true",
        help="start a new content generation before every render, as a publish does: the site's "
        "structure (siteplatform.structure: Site, Locales, settings, private sections) is read again too",
    )
    return parser.parse_args()


def configure(folder, *, warm_fragments=False):
    """The environment of a production-mode process on `folder`'s database, before Django starts."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="siteplatform.settings",
        DEBUG="False",
        SECRET_KEY="bench-render-only-secret-key-not-for-production-0123456789abcdef",  # noqa: S106
        ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        DATA_KEYS="YmVuY2gtcmVuZGVyLW9ubHktZGF0YS1rZXktMDEyMzQ=",
        SECURE_SSL_REDIRECT="False",
        SECURE_COOKIES="False",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        EMAIL_URL="locmem://",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="0",
        FRAGMENT_CACHE_SECONDS=str(24 * 60 * 60) if warm_fragments else "0",
        # Every rendition made when the demo loads, as in production: a card's image then has
        # all of RENDITION_SPECS to choose from, not only those a warm-up request made.
        RENDITIONS_AHEAD="True",
    )
    for name in ("REDIS_URL", "PAGE_CACHE_REDIS_URL"):
        os.environ.pop(name, None)


def prepare(folder, articles):
    """Collect the static files (production's hashed names) and migrate and load the demo into
    `folder`, unless a previous run with --keep did."""
    from django.core.management import call_command

    if not (folder / "static" / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
    marker = folder / f"loaded-{articles}"
    if marker.exists():
        return
    print(f"Loading the demo content ({articles} extra articles) into {folder}…", flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_content", *demo_args(articles, os.environ), stdout=io.StringIO())
    marker.write_text("")


def render(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def scale_addresses():
    """SCALE_PAGES with the blog's busiest category and tag filled in."""
    from django.db.models import Count
    from taggit.models import Tag

    from blog.models import Category

    category = Category.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("blog_articlepagetag_items")).order_by("-n").first()
    return {name: path.format(category=category.slug, tag=tag.slug) for name, path in SCALE_PAGES.items()}


def measure(client, path, rounds, *, after_publish=False):
    """(median wall ms, p95 wall ms, fastest wall ms, median CPU ms, queries) of rendering
    `path`, each render in a new content generation with `after_publish`. The CPU time of this
    process (SQLite runs in it) is the steadier figure on a busy machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from siteplatform.page_cache import bump_generation

    for _ in range(2):
        render(client, path)
    times, cpu = [], []
    for _ in range(rounds):
        if after_publish:
            bump_generation()
        start, start_cpu = time.perf_counter(), time.process_time()
        render(client, path)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if after_publish:
        bump_generation()
    with CaptureQueriesContext(connection) as captured:
        render(client, path)
    p95 = sorted(times)[max(round(len(times) * 0.95) - 1, 0)]
    return statistics.median(times), p95, min(times), statistics.median(cpu), len(captured)


def profile(client, path, rounds, destination):
    """cProfile `rounds` renders of `path` into `destination`; print the top of it."""
    render(client, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        render(client, path)
    profiler.disable()
    profiler.dump_stats(destination)
    stats = pstats.Stats(destination)
    stats.sort_stats("cumulative").print_stats(40)
    print(f"profile of {rounds} renders of {path} written to {destination}")


def main():
    options = arguments()
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="practice-render-"))
    folder.mkdir(parents=True, exist_ok=True)
    configure(folder, warm_fragments=options.warm_fragments)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client  # without setup_test_environment(): production's templates

    prepare(folder, options.articles)
    assert settings.PAGE_CACHE_SECONDS == 0
    client = Client()
    if options.profile:
        profile(client, PAGES[options.page], options.rounds, options.profile)
        return
    pages = scale_addresses() if options.scale else {name: PAGES[name] for name in options.only or PAGES}
    from blog.models import ArticlePage

    fragments = "fragments warm" if options.warm_fragments else "fragments off"
    structure = (
        "each in a new generation (after a publish)" if options.after_publish else "structure read once"
    )
    print(
        f"\n{ArticlePage.objects.live().count()} live articles; {options.rounds} renders each, "
        f"page cache off, {fragments}, {structure}, DEBUG off, SQLite"
    )
    print(f"{'page':<24} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} {'CPU ms':>8} {'queries':>8}")
    for name, path in pages.items():
        median, p95, fastest, cpu, queries = measure(
            client, path, options.rounds, after_publish=options.after_publish
        )
        print(f"{name:<24} {median:>10.1f} {p95:>8.1f} {fastest:>8.1f} {cpu:>8.1f} {queries:>8}", flush=True)
    if not options.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
