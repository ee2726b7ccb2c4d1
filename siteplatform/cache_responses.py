"""How a page cache entry is made from a response and sent back: what may be shared, its
headers, ETag, gzip and 304s (the contract is siteplatform/page_cache.py's)."""

import gzip
import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import get_conditional_response, patch_vary_headers

CACHEABLE_STATUSES = frozenset({200, 301, 404})
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
COMPRESSIBLE_TYPES = frozenset(
    {"application/xml", "application/rss+xml", "application/atom+xml", "application/json", "image/svg+xml"}
)
MIN_COMPRESSED_LENGTH = 256
PERSONAL_HEADERS = frozenset({"set-cookie", "content-length", "content-encoding", "x-cache"})


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
