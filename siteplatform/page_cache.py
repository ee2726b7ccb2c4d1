"""Full-page cache for anonymous visitors, its invalidation, and the HTTP caching that goes with it.

Contract:

- `PageCacheMiddleware` answers an anonymous GET or HEAD of a public page from the cache, with
  no database query and no session lookup, and says so in `X-Cache: HIT` (`MISS` when it had
  to render and stored the result). A missing or stale page is rendered once for the requests
  that ask for it together: the others wait, a bounded time, for that render's entry (`X-Cache:
  WAIT`; siteplatform/single_flight.py). It never serves or stores: another method, a request with
  a session cookie or credentials, the admin, the forms, search, documents, media and static
  files, a preview, or a response that sets a cookie, varies on anything but Accept-Encoding
  and Cookie,
  says private/no-store/no-cache, is already encoded, or is not 200, 301 or 404.
- A stored page is sent with `Cache-Control: public, max-age=PAGE_CACHE_BROWSER_SECONDS,
  s-maxage=PAGE_CACHE_SECONDS` (unless the view chose its own lifetime), an `ETag` of its body,
  `Vary: Accept-Encoding`, gzipped once when stored for clients that accept it, and a 304 to a
  matching `If-None-Match`. Nothing else is compressed: pages that carry secrets (CSRF tokens)
  stay uncompressed, so BREACH has nothing to measure.
- The key keeps only the parameters pages read for every visitor: `page` (listings), as a small
  number. Campaign parameters (`utm_*`, `mc_*`, `fbclid`, `gclid`, …) share the page's entry;
  any other parameter (the team finder's, or noise) bypasses the cache: rendered, never stored.
- Bounded: a 404 is kept only for a path shaped like the site's (lower-case slugs ending in
  "/"), and entries that are not a page's own address without parameters (404s, 301s,
  `?page=N`) are admitted at most PAGE_CACHE_MAX_EXTRA_ENTRIES per PAGE_CACHE_SECONDS, so a
  flood of random addresses adds at most twice that many.
- Every entry carries the site-wide generation it was rendered under, which names the release
  (settings.RELEASE): `bump_generation()` makes them all stale at once, and code of another
  release never serves or reads what this one rendered, nor the reverse. The generation lives in the cache alias PAGE_CACHE_GENERATION_ALIAS,
  which settings make one for every worker and host (Redis), or for every worker of this
  machine (a file cache) without REDIS_URL. `connect_invalidation()` bumps it on every content
  change, and again once the transaction commits, then empties the frontend cache (Varnish, CDN)
  in one request per site when WAGTAILFRONTENDCACHE is configured (siteplatform/frontend_cache.py).
"""

import hashlib
import re
import secrets
import threading
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language_from_path

from siteplatform import structure
from siteplatform.apps import app_contributions
from siteplatform.cache_backends import CacheUnavailable
from siteplatform.cache_responses import is_cacheable, make_entry, respond
from siteplatform.frontend_cache import purge_everything
from siteplatform.single_flight import Flight

GENERATION_KEY = "practice:page-cache:generation"
KEY_PREFIX = "practice:page:"
FRAGMENT_PREFIX = "practice:fragment:"
# Never cached, besides what apps add with `page_cache_excluded_prefixes` on their AppConfig
# (forms with per-visitor CSRF tokens, say); see `excluded_prefixes()`.
EXCLUDED_PREFIXES = ("/admin/", "/search/", "/documents/", "/healthz", "/_util/")
BUDGET_PREFIX = "practice:page-budget:"
# Parameters no page reads: links from campaigns, ads and search engines carry them.
IGNORED_PARAMETERS = frozenset(
    {"fbclid", "gclid", "msclkid", "dclid", "yclid", "twclid", "srsltid", "igshid"}
)
IGNORED_PARAMETER_PREFIXES = ("utm_", "mc_")
# Parameters that change a cacheable page, with the values worth a cache entry of their own.
KEYED_PARAMETERS = {"page": re.compile(r"[1-9][0-9]{0,3}")}
SITE_SHAPED_PATH = re.compile(r"/(?:[a-z0-9][a-z0-9-]{0,79}/){0,8}")


# Keys and generation ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def excluded_prefixes():
    """The path prefixes (after any language prefix) the page cache never serves or stores:
    EXCLUDED_PREFIXES and every app's `page_cache_excluded_prefixes`."""
    return EXCLUDED_PREFIXES + app_contributions("page_cache_excluded_prefixes")


def page_key(request):
    """The cache key of an anonymous GET/HEAD of a public page, or None when it must bypass."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    path = request.path
    # /ko/search/ is search in another language (siteplatform/urls.py): excluded like /search/.
    language = get_language_from_path(path)
    unprefixed = path.removeprefix(f"/{language}") if language else path
    if unprefixed.startswith(excluded_prefixes()) or path.startswith(
        (settings.STATIC_URL, settings.MEDIA_URL)
    ):
        return None
    # A session cookie means someone signed in (visitors never get one): bypass without
    # loading the session.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = []
    for name, values in sorted(request.GET.lists()):
        if name in IGNORED_PARAMETERS or name.startswith(IGNORED_PARAMETER_PREFIXES):
            continue
        pattern = KEYED_PARAMETERS.get(name)
        if pattern is None:
            return None  # a parameter this cache does not know may change the page: no entry
        if pattern.fullmatch(values[-1]):  # views read the last value; others read as none
            query.append((name, values[-1]))
    address = f"{settings.RELEASE}|{request.scheme}://{host}{path}?{query!r}"
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def is_extra(request, response):
    """Whether a response is not a page's own address without parameters: those are admitted
    only within the budget."""
    return response.status_code != 200 or any(name in KEYED_PARAMETERS for name in request.GET)


def admit_extra():
    """Whether one more extra entry fits this window's budget (PAGE_CACHE_MAX_EXTRA_ENTRIES per
    PAGE_CACHE_SECONDS); counts it when it does."""
    window = int(time.time() // max(settings.PAGE_CACHE_SECONDS, 1))
    key = f"{BUDGET_PREFIX}{window}"
    entries = entry_cache()
    try:
        entries.add(key, 0, settings.PAGE_CACHE_SECONDS * 2)
        return entries.incr(key) <= settings.PAGE_CACHE_MAX_EXTRA_ENTRIES
    except (ValueError, CacheUnavailable):  # evicted or unreachable: store nothing extra
        return False


def generation_cache():
    return caches[settings.PAGE_CACHE_GENERATION_ALIAS]


def entry_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def bump_generation():
    """Make every cached page and fragment stale, for every process (of every release) sharing
    the generation's cache."""
    generation = secrets.token_hex(8)
    generation_cache().set(GENERATION_KEY, generation, None)
    return generation


def with_release(content_generation):
    """The generation entries are stored under: the content's, within this release's code."""
    return f"{settings.RELEASE}.{content_generation}"


def current_generation():
    """The generation every cached page and fragment is stored under (made on first use):
    content changes and a new release each give a new one."""
    generations = generation_cache()
    generation = generations.get(GENERATION_KEY)
    if generation is None:
        generations.add(GENERATION_KEY, secrets.token_hex(8), None)
        # None while the cache is unreachable: a generation of this process's own, so nothing
        # stored meanwhile (nothing is) could be mistaken for a later one's.
        generation = generations.get(GENERATION_KEY) or secrets.token_hex(8)
    return with_release(generation)


def cached_fragment(name, build, *, request=None):
    """What `build()` returns (HTML, or plain data) for a part of a page that changes only when
    content does (an article's body, a clinician's terms): built once per content generation
    and kept for FRAGMENT_CACHE_SECONDS, so the first visitor after a publish, or anyone the
    page cache passes by, does not pay for it again. A preview always builds afresh, and so does
    everything with FRAGMENT_CACHE_SECONDS=0 (what `make bench` measures as "both caches off")."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or (
        request is not None and getattr(request, "is_preview", False)
    ):
        return build()
    entries = entry_cache()
    # Per language: a fragment holds interface text (and links) in the language it was built in.
    key = f"{FRAGMENT_PREFIX}{current_generation()}:{translation.get_language()}:{name}"
    value = entries.get(key)
    if value is None:
        value = build()
        entries.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def same_store(alias, other):
    """Whether two cache aliases keep their keys in the same place (one Redis database)."""
    if alias == other:
        return True
    first, second = settings.CACHES[alias], settings.CACHES[other]
    fields = ("BACKEND", "LOCATION", "KEY_PREFIX")
    return "LOCATION" in first and all(first.get(f) == second.get(f) for f in fields)


def lookup(key):
    """(current generation, the entry stored under key if rendered under that generation)."""
    generations, entries = generation_cache(), entry_cache()
    if same_store(settings.PAGE_CACHE_GENERATION_ALIAS, settings.PAGE_CACHE_ALIAS):  # one round trip
        found = entries.get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
    else:
        generation, entry = generations.get(GENERATION_KEY), entries.get(key)
    # None on first use, or unreachable: a new random one, so no old entry matches.
    generation = current_generation() if generation is None else with_release(generation)
    if entry is not None and entry["generation"] != generation:
        entry = None
    return generation, entry


def with_site(request):
    """`request` with the Site it is for already found (Wagtail's `Site.find_for_request` keeps
    it there), from the structure read once per generation."""
    try:
        request.get_host()
    except DisallowedHost:  # answered 400 further down; Wagtail's own lookup if it gets there
        return request
    site = structure.site_for_request(request)
    if site is not None:
        request._wagtail_site = site
    return request


class PageCacheMiddleware:
    """Serves anonymous public pages from the page cache; listed before sessions, auth and CSRF
    so that a hit touches neither the database nor the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request)
        if key is None:
            if not structure.reads_public_pages(request):
                return self.get_response(request)
            with structure.reading(current_generation()):
                return self.get_response(with_site(request))
        generation, entry = lookup(key)
        if entry is not None:
            return respond(request, entry, "HIT")
        # One render per key and generation: the others asking meanwhile wait for its entry.
        with Flight(key, generation, entries=entry_cache()) as flight, structure.reading(generation):
            entry = flight.join(lead=request.method == "GET")
            if entry is not None:
                return respond(request, entry, "WAIT")
            return self.render(with_site(request), key, generation, flight)

    def render(self, request, key, generation, flight):
        """The rendered response, stored (and handed to the flight's waiters) when it may be."""
        response = self.get_response(request)
        # A HEAD is not stored: its body may be empty; the next GET stores the page.
        if request.method != "GET" or not is_cacheable(request, response):
            return response
        if response.status_code == 404 and not SITE_SHAPED_PATH.fullmatch(request.path):
            return response  # a scanner's or a typo's address: one entry each would be a flood
        if is_extra(request, response) and not admit_extra():
            return response
        entry = make_entry(response, generation)
        entry_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        flight.hand_off(entry)
        return respond(request, entry, "MISS")


# Invalidation -----------------------------------------------------------------------------

# Apps whose rows appear on public pages, by label; other apps say so with
# `page_cache_content = True` on their AppConfig, or on the one model of theirs that shows
# (see `is_content_model`).
CONTENT_APPS = frozenset(
    {
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtailembeds",
        "taggit",
        "practice",
    }
)
# Rows of those apps written without changing any public page (drafts, history, housekeeping,
# renditions made while a page renders).
NOISE_MODELS = frozenset(
    {
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.pagesubscription",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailimages.rendition",
        "wagtailimages.uploadedimage",
    }
)
# A save touching only these fields records a draft or a lock, not what visitors see.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)

state = threading.local()


@lru_cache(maxsize=512)
def is_content_model(model):
    from wagtail.snippets.models import get_snippet_models

    meta = model._meta
    if meta.label_lower in NOISE_MODELS:
        return False
    in_content_app = meta.app_label in CONTENT_APPS or getattr(meta.app_config, "page_cache_content", False)
    shown = in_content_app or getattr(model, "page_cache_content", False)
    return shown or is_settings_model(model) or model in get_snippet_models()


def is_settings_model(model):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return isinstance(model, type) and issubclass(model, (BaseGenericSetting, BaseSiteSetting))


def content_changed(sender, **kwargs):
    """Signal receiver: bumps the generation now and again after commit, when the change is content."""
    model = sender
    if "action" in kwargs:  # m2m_changed: the sender is the through model
        if not kwargs["action"].startswith("post_"):
            return
    elif "update_fields" in kwargs:  # post_save
        update_fields = kwargs["update_fields"]
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        if kwargs.get("created") and is_settings_model(model):
            return  # Wagtail makes a settings row with its defaults when first read: nothing shows
    if isinstance(model, type) and not is_content_model(model):
        return
    # Now, so this process (and a test's transaction, which never commits) sees it at once;
    # after commit, so a page rendered from the old rows meanwhile is not kept.
    bump_generation()
    transaction.on_commit(after_commit, using=kwargs.get("using"), robust=True)


def after_commit():
    """Once per committed batch of changes: a last bump, then the proxy or CDN is emptied."""
    # The callbacks of one transaction run in a row: the first one handles them all.
    if getattr(state, "handled", None) == generation_cache().get(GENERATION_KEY):
        return
    state.handled = bump_generation()
    purge_everything()


def connect_invalidation():
    """Connects `content_changed` to model and Wagtail signals (called from PracticeConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"practice-page-cache-{id(signal)}")
