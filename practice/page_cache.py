"""Full-page cache for anonymous visitors, its invalidation, and the HTTP caching that goes with it.

Contract:

- `PageCacheMiddleware` answers an anonymous GET or HEAD of a public page from the cache, with
  no database query and no session lookup, and says so in `X-Cache: HIT` (`MISS` when it had
  to render and stored the result). It never serves or stores: another method, a request with
  a session cookie or credentials, the admin, the forms, search, documents, media and static
  files, a preview, or a response that sets a cookie, varies on anything but Accept-Encoding
  and Cookie,
  says private/no-store/no-cache, is already encoded, or is not 200, 301 or 404.
- A stored page is sent with `Cache-Control: public, max-age=PAGE_CACHE_BROWSER_SECONDS,
  s-maxage=PAGE_CACHE_SECONDS` (unless the view chose its own lifetime), an `ETag` of its body,
  `Vary: Accept-Encoding`, gzipped once when stored for clients that accept it, and a 304 to a
  matching `If-None-Match`. Nothing else is compressed: pages that carry secrets (CSRF tokens)
  stay uncompressed, so BREACH has nothing to measure.
- Query parameters that do not change the page (`utm_*`, `mc_*`, `fbclid`, `gclid`) share one
  entry; every other parameter is part of the key.
- Every entry carries the site-wide generation it was rendered under; `bump_generation()` makes
  them all stale at once. The generation lives in the cache alias PAGE_CACHE_GENERATION_ALIAS,
  which settings make one for every worker and host (Redis), or for every worker of this
  machine (a file cache) without REDIS_URL. `connect_invalidation()` bumps it on every content
  change, and again once the transaction commits, then purges the frontend cache (Varnish, CDN)
  when WAGTAILFRONTENDCACHE is configured.
"""

import gzip
import hashlib
import secrets
import threading
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language_from_path

GENERATION_KEY = "practice:page-cache:generation"
KEY_PREFIX = "practice:page:"
FRAGMENT_PREFIX = "practice:fragment:"
EXCLUDED_PREFIXES = ("/admin/", "/contact/", "/search/", "/documents/", "/healthz", "/_util/")
IGNORED_PARAMETERS = frozenset({"fbclid", "gclid"})
IGNORED_PARAMETER_PREFIXES = ("utm_", "mc_")
CACHEABLE_STATUSES = frozenset({200, 301, 404})
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
COMPRESSIBLE_TYPES = frozenset(
    {"application/xml", "application/rss+xml", "application/atom+xml", "application/json", "image/svg+xml"}
)
MIN_COMPRESSED_LENGTH = 256
PERSONAL_HEADERS = frozenset({"set-cookie", "content-length", "content-encoding", "x-cache"})


# Keys and generation ------------------------------------------------------------------------


def page_key(request):
    """The cache key of an anonymous GET/HEAD of a public page, or None when it must bypass."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    path = request.path
    # /ko/contact/ and /ko/search/ are the forms and search in another language (practice/urls.py).
    language = get_language_from_path(path)
    unprefixed = path.removeprefix(f"/{language}") if language else path
    if unprefixed.startswith(EXCLUDED_PREFIXES) or path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    # A session cookie means someone signed in (visitors never get one): bypass without
    # loading the session.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = sorted(
        (name, values)
        for name, values in request.GET.lists()
        if name not in IGNORED_PARAMETERS and not name.startswith(IGNORED_PARAMETER_PREFIXES)
    )
    address = f"{request.scheme}://{host}{path}?{query!r}"
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def generation_cache():
    return caches[settings.PAGE_CACHE_GENERATION_ALIAS]


def entry_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def bump_generation():
    """Make every cached page stale, for every process sharing the generation's cache."""
    generation = secrets.token_hex(8)
    generation_cache().set(GENERATION_KEY, generation, None)
    return generation


def current_generation():
    """The generation every cached page and fragment is stored under (made on first use)."""
    generations = generation_cache()
    generation = generations.get(GENERATION_KEY)
    if generation is None:
        generations.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = generations.get(GENERATION_KEY)
    return generation


def cached_fragment(name, build, *, request=None):
    """What `build()` returns (HTML, or plain data) for a part of a page that changes only when
    content does (an article's body, a clinician's terms): built once per content generation
    and kept for FRAGMENT_CACHE_SECONDS, so the first visitor after a publish, or anyone the
    page cache passes by, does not pay for it again. A preview always builds afresh."""
    if request is not None and getattr(request, "is_preview", False):
        return build()
    entries = entry_cache()
    # Per language: a fragment holds interface text (and links) in the language it was built in.
    key = f"{FRAGMENT_PREFIX}{current_generation()}:{translation.get_language()}:{name}"
    value = entries.get(key)
    if value is None:
        value = build()
        entries.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def lookup(key):
    """(current generation, the entry stored under key if rendered under that generation)."""
    generations, entries = generation_cache(), entry_cache()
    if generations is entries:  # one round trip to Redis
        found = entries.get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
    else:
        generation, entry = generations.get(GENERATION_KEY), entries.get(key)
    if generation is None:  # first use, or evicted: a new random one, so no old entry matches
        generation = current_generation()
    if entry is not None and entry["generation"] != generation:
        entry = None
    return generation, entry


# Responses --------------------------------------------------------------------------------


def is_cacheable(request, response):
    """Whether a rendered response is the same for every anonymous visitor and may be shared."""
    if (
        response.status_code not in CACHEABLE_STATUSES
        or response.streaming
        or response.cookies
        or response.has_header("Content-Encoding")
        or getattr(request, "is_preview", False)
    ):
        return False
    directives = {d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")}
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    # Vary: Cookie only means the session was looked at (request.user); without a session
    # cookie, which bypasses the cache, it was empty. Other cookies change no public page.
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"accept-encoding", "cookie"}


def is_compressible(content_type):
    media_type = content_type.split(";")[0].strip().lower()
    return media_type.startswith("text/") or media_type in COMPRESSIBLE_TYPES


def make_entry(response, generation):
    """What is stored for a cacheable response: its status, shared headers, body and gzipped body."""
    body = response.content
    etag = hashlib.sha256(body).hexdigest()[:32]
    compressed = None
    if len(body) >= MIN_COMPRESSED_LENGTH and is_compressible(response.get("Content-Type", "")):
        compressed = gzip.compress(body, compresslevel=9, mtime=0)
        if len(compressed) >= len(body):
            compressed = None
    if not response.has_header("Cache-Control") or "max-age" not in response["Cache-Control"]:
        response["Cache-Control"] = (
            f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}, s-maxage={settings.PAGE_CACHE_SECONDS}"
        )
    if compressed is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
    headers = [(name, value) for name, value in response.items() if name.lower() not in PERSONAL_HEADERS]
    return {
        "generation": generation,
        "status": response.status_code,
        "headers": headers,
        "body": body,
        "gzip": compressed,
        "etag": etag,
    }


def accepts_gzip(request):
    for coding in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        name, _, params = coding.partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def respond(request, entry, state):
    """The stored page as this client should get it: gzipped if accepted, 304 if it has it."""
    body, etag = entry["body"], f'"{entry["etag"]}"'
    gzipped = entry["gzip"] is not None and accepts_gzip(request)
    if gzipped:
        body, etag = entry["gzip"], f'"{entry["etag"]}-gzip"'
    content = b"" if request.method == "HEAD" else body
    headers = dict(entry["headers"])
    if entry["status"] == 301 and "Location" in headers:  # keeps .url, as Django's redirects have
        response = HttpResponsePermanentRedirect(headers["Location"], content=content)
    else:
        response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    response["ETag"] = etag
    response = get_conditional_response(request, etag=etag, response=response)
    response["X-Cache"] = state
    return response


class PageCacheMiddleware:
    """Serves anonymous public pages from the page cache; listed before sessions, auth and CSRF
    so that a hit touches neither the database nor the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        generation, entry = lookup(key)
        if entry is not None:
            return respond(request, entry, "HIT")
        response = self.get_response(request)
        # A HEAD is not stored: its body may be empty; the next GET stores the page.
        if request.method != "GET" or not is_cacheable(request, response):
            return response
        entry = make_entry(response, generation)
        entry_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        return respond(request, entry, "MISS")


# Invalidation -----------------------------------------------------------------------------

# Apps whose rows appear on public pages, by label (practice imports neither blog nor contact).
CONTENT_APPS = frozenset(
    {
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtailembeds",
        "taggit",
        "practice",
        "blog",
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
    return meta.app_label in CONTENT_APPS or is_settings_model(model) or model in get_snippet_models()


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
    """Once per committed batch of changes: a last bump, then the frontend cache purge."""
    # The callbacks of one transaction run in a row: the first one handles them all.
    if getattr(state, "handled", None) == generation_cache().get(GENERATION_KEY):
        return
    state.handled = bump_generation()
    purge_frontend_cache()


def purge_frontend_cache():
    """Purges every live page (with its get_cached_paths()), sitemap and robots.txt from the
    proxy or CDN, when WAGTAILFRONTENDCACHE names one."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    from practice.i18n import fallback_urls

    batch = PurgeBatch()
    # Each page at its own address: the admin may be running in an editor's other language,
    # which would otherwise prefix the English pages' addresses (BasePage.get_url_parts).
    with translation.override(settings.LANGUAGE_CODE):
        batch.add_pages(Page.objects.live().specific())
    batch.add_urls(fallback_urls(batch.urls))  # /ko/… serves pages not yet in Korean in English
    for site in Site.objects.all():
        batch.add_urls([f"{site.root_url}/sitemap.xml", f"{site.root_url}/robots.txt"])
    batch.purge()


def connect_invalidation():
    """Connects `content_changed` to model and Wagtail signals (called from PracticeConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"practice-page-cache-{id(signal)}")
