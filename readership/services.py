"""Business actions of readership numbers: count a view, a search or a request, flush the
counts into the database, tidy old ones. Names are `noun_verb`, as in the other apps.

Nothing here keeps or logs anything about a visitor: the address is used only for a rate limit
kept in this process's memory (a keyed hash, never sent to a shared cache), and the user agent
only to tell a crawler from a person, at once, without storing it.
"""

import hashlib
import hmac
import logging
import re
import time
from datetime import timedelta

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from contact.inbox.common import PRACTICE_TIME_ZONE
from readership.models import Count, FlushedBatch
from readership.sources import source_of
from readership.store import counts_store
from siteplatform.cache_backends import LOCAL_ALIAS
from siteplatform.client_address import client_address
from siteplatform.i18n import in_language
from siteplatform.page_cache import cached_fragment, current_generation

logger = logging.getLogger(__name__)

DAY, MONTH = Count.Period.DAY, Count.Period.MONTH
MAX_PATH_LENGTH = 300
WEEK_SECONDS = 7 * 24 * 60 * 60


# Who is not counted ---------------------------------------------------------------------------


def opted_out(request):
    """Whether the browser asks not to be tracked (Global Privacy Control or Do Not Track)."""
    return request.headers.get("Sec-GPC", "").strip() == "1" or request.headers.get("DNT", "").strip() == "1"


def is_crawler(request):
    """Whether the user agent is a crawler's (or missing), by crawlerdetect's maintained rules."""
    agent = request.headers.get("User-Agent", "")
    return not agent or CrawlerDetect().isCrawler(agent)


def is_counted(request):
    return settings.READERSHIP_ENABLED and not opted_out(request) and not is_crawler(request)


def rate_limited(request):
    """Whether the client sent more than READERSHIP_RATE_LIMIT beacons in this minute. Counted in
    this process's memory only (a keyed hash of the address, kept a minute): a shared cache
    would hold one entry per visitor."""
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256)
    key = f"readership:rate:{int(time.time() // 60)}:{digest.hexdigest()[:24]}"
    counters = caches[LOCAL_ALIAS]
    if counters.add(key, 1, timeout=60):
        return False
    try:
        return counters.incr(key) > settings.READERSHIP_RATE_LIMIT
    except ValueError:  # expired in between
        return False


# What is counted ------------------------------------------------------------------------------


# This process's copy of the map, by language: (generation, map). A beacon then costs one read
# of the generation, not the map's transfer from the cache.
live_paths_seen = {}


def live_paths(request):
    """{path: page id} of every live public page, as visitors' browsers show its address, and
    each English page under every other language's prefix (where it is served untranslated);
    built once per content generation (siteplatform.page_cache.cached_fragment) and kept by
    each process until the generation changes."""
    generation, language = current_generation(), translation.get_language()
    seen = live_paths_seen.get(language)
    if seen and seen[0] == generation:
        return seen[1]

    def build():
        paths = {}
        pages = Page.objects.live().public().filter(depth__gt=1)
        english = []
        for page in pages.select_related("locale"):
            url = page.get_url(request)
            if url and url.startswith("/"):
                paths.setdefault(url, page.pk)
                if page.locale.language_code == settings.LANGUAGE_CODE:
                    english.append((url, page.pk))
        for code, _name in settings.LANGUAGES:
            for url, pk in english:
                paths.setdefault(in_language(url, code), pk)
        return paths

    paths = cached_fragment("readership:live-paths", build)
    live_paths_seen[language] = (generation, paths)
    return paths


def page_for_path(request, path):
    """The page id a path of this site shows, or None (not a live page, or not a path)."""
    if not isinstance(path, str) or not path.startswith("/") or len(path) > MAX_PATH_LENGTH:
        return None
    return live_paths(request).get(path)


def today():
    return timezone.localdate(timezone.now(), PRACTICE_TIME_ZONE)


def language_of(path):
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def count_add(*counts, amount=1):
    """Adds `amount` to each of today's counts given as (metric, language, page id, source), in
    the store (the database gets them at the next flush)."""
    day = today().isoformat()
    store = counts_store()
    store.add(
        *[(DAY, day, language, metric, page_id, source) for metric, language, page_id, source in counts],
        amount=amount,
    )
    if not store.shared:
        counts_flush_due()


def view_record(*, request, path, referrer_host):
    """Counts one view of the page at `path` and where it came from; False when the path is not
    a live page's."""
    page_id = page_for_path(request, path)
    if page_id is None:
        return False
    language = language_of(path)
    counts = [(Count.Metric.VIEW, language, page_id, "")]
    source = source_of(referrer_host, request.get_host())
    if source:
        counts.append((Count.Metric.SOURCE, language, page_id, source))
    count_add(*counts)
    return True


def request_record(*, request, came_from):
    """Counts that the page at `came_from` (a path of this site) led to a request just sent."""
    if not settings.READERSHIP_ENABLED:
        return False
    page_id = page_for_path(request, came_from)
    if page_id is None:
        return False
    count_add((Count.Metric.REQUEST, language_of(came_from), page_id, ""))
    return True


def normalised_words(query):
    """Lower case, letters and digits only, one space between words: "Anxiety  Help?" and
    "anxiety help" are the same search."""
    return " ".join(re.findall(r"\w+", query.casefold()))[:200]


def search_record(*, request, query, found):
    """Counts a search (and one with no results). The words of a search with no results are
    kept only from the READERSHIP_WORDS_MIN-th time the same words were searched within a
    week; until then only a keyed hash of them waits in the store, for a week at most."""
    if not query or not is_counted(request):
        return
    language = language_of(request.path)
    if found:
        count_add((Count.Metric.SEARCH, language, 0, ""))
        return
    count_add((Count.Metric.SEARCH, language, 0, ""), (Count.Metric.SEARCH_EMPTY, language, 0, ""))
    words = normalised_words(query)
    if not words:
        return
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{language}|{words}".encode(), hashlib.sha256
    ).hexdigest()
    times = counts_store().add_to_window(f"words:{digest[:32]}", WEEK_SECONDS)
    threshold = settings.READERSHIP_WORDS_MIN
    if times >= threshold:
        # The first time past the threshold brings in the searches that reached it.
        amount = threshold if times == threshold else 1
        count_add((Count.Metric.EMPTY_WORDS, language, 0, words), amount=amount)


# Flushing into the database -------------------------------------------------------------------

_last_flush = {"at": 0.0}


def counts_flush_due():
    """Without Redis: flush this process's counts when the interval has passed."""
    now = time.monotonic()
    if now - _last_flush["at"] >= settings.READERSHIP_FLUSH_SECONDS:
        _last_flush["at"] = now
        counts_flush()


def counts_flush():
    """Moves the pending counts aside as a batch and adds every open batch to the database
    (at least once into an idempotent upsert: see readership/store.py). Returns the number of
    batches added."""
    store = counts_store()
    store.take_batch()
    added = 0
    for batch_id, counts in store.open_batches():
        if batch_apply(batch_id, counts):
            added += 1
        store.close_batch(batch_id)
    return added


def batch_apply(batch_id, counts):
    """Adds one batch's counts to `Count` in one transaction that records the batch; False (and
    nothing added) when the batch was added before. Rows are written in the keys' order, so two
    workers adding batches that share rows lock them in the same order (no deadlock), and the
    row written last is known (tests/readership/test_flush_live.py stops a worker just there)."""
    try:
        with transaction.atomic():
            FlushedBatch.objects.create(batch_id=batch_id)
            for key, amount in sorted(counts.items()):
                count_upsert(key, amount)
    except IntegrityError:
        if FlushedBatch.objects.filter(batch_id=batch_id).exists():
            return False
        raise
    return True


def count_upsert(key, amount):
    period, day, language, metric, page_id, source = key
    fields = {"period": period, "day": day, "language": language, "metric": metric, "page_id": page_id}
    fields["source"] = source
    if Count.objects.filter(**fields).update(count=F("count") + amount):
        return
    try:
        with transaction.atomic():
            Count.objects.create(**fields, count=amount)
    except IntegrityError:  # another flush created it meanwhile
        Count.objects.filter(**fields).update(count=F("count") + amount)


# Retention ------------------------------------------------------------------------------------


def counts_tidy(*, now=None):
    """Rolls daily counts older than READERSHIP_DAILY_MONTHS up into monthly ones, drops the
    words of searches with no results after READERSHIP_WORDS_DAYS, and the record of batches
    flushed more than a week ago. Safe to run again; returns (days rolled up, words dropped)."""
    now = now or timezone.now()
    day = timezone.localdate(now, PRACTICE_TIME_ZONE)
    month_start = day.replace(day=1)
    months = settings.READERSHIP_DAILY_MONTHS
    year, month = divmod(month_start.year * 12 + month_start.month - 1 - months, 12)
    cutoff = month_start.replace(year=year, month=month + 1)
    dropped, _ = Count.objects.older_words(day - timedelta(days=settings.READERSHIP_WORDS_DAYS)).delete()
    with transaction.atomic():
        old = Count.objects.daily().filter(day__lt=cutoff).exclude(metric=Count.Metric.EMPTY_WORDS)
        rows = list(old.values("day", "language", "metric", "page_id", "source").annotate(total=Sum("count")))
        sums = {}
        for row in rows:
            key = (
                MONTH,
                row["day"].replace(day=1),
                row["language"],
                row["metric"],
                row["page_id"],
                row["source"],
            )
            sums[key] = sums.get(key, 0) + row["total"]
        for key, amount in sums.items():
            count_upsert(key, amount)
        rolled, _ = old.delete()
    FlushedBatch.objects.filter(flushed_at__lt=now - timedelta(days=7)).delete()
    return rolled, dropped
