"""Request limits and security headers Django does not set itself."""

import codecs
from functools import partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csp import csp_override

from siteplatform import structure
from siteplatform.structure import ADMIN_PREFIX
from siteplatform.views import error_page

# Django reads this content type in UTF-8 only (RFC 1866) and raises for any other charset.
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Charsets whose form bodies are UTF-8 byte for byte (ASCII is a subset), by codecs' own names.
UTF_8_COMPATIBLE = frozenset({"utf-8", "ascii"})


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere and relaxes CSP and framing for the admin (and its previews) only.

    Listed after the CSP and clickjacking middleware so its response hook runs first:
    both leave alone the headers and CSP configuration it has already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Previews are rendered through the page's own URL inside the admin's frame
        # (Wagtail marks that request `is_preview`), so they need the admin's framing rules.
        if request.path.startswith(ADMIN_PREFIX) or getattr(request, "is_preview", False):
            # Django's own per-view override, applied to this response.
            response = csp_override(settings.ADMIN_CSP)(lambda request: response)(request)
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class RequestBodyGuardMiddleware:
    """Answers, before anything reads the body, the requests Django would refuse to read:
    a body over PUBLIC_MAX_BODY_BYTES outside the admin (the site's 413 page), and a form
    declared in a charset other than UTF-8 or ASCII (the site's 400 page); `utf8` and the other
    aliases are read as UTF-8.

    The public forms take short answers and no files, so a large body is an attack or a
    mistake: refused on its Content-Length it is neither parsed nor spooled to disk. The admin
    keeps Django's limits (page bodies, image and document uploads). Every middleware's
    `__call__` runs before any `process_view`, where CSRF reads the body; answering here also
    keeps the non-UTF-8 error out of DEBUG's error page, which would read the body again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:  # Django reads no body then
                length = 0
            if length > settings.PUBLIC_MAX_BODY_BYTES:
                return error_page("413.html", 413)
        encoding = request.encoding  # the declared charset, when Python knows it
        if request.content_type == FORM_CONTENT_TYPE and encoding:
            if codecs.lookup(encoding).name not in UTF_8_COMPATIBLE:
                return error_page("400.html", 400)
            # `utf8`, `UTF_8`, `us-ascii`…: the same bytes as UTF-8, which is all Django reads.
            request.encoding = "utf-8"
        return self.get_response(request)


class CachedSettingsMiddleware:
    """Hands Wagtail the site-wide settings (practice, navigation, contact) from the site's
    structure (`siteplatform.structure`), so a page does not query each settings row it shows:
    they are read once per content generation in each process, and any change to them starts a
    new one (`siteplatform.page_cache`). Each request gets its own copy of each row.

    Wagtail's `BaseGenericSetting.load(request)` reuses the object stored on the request under
    `get_cache_attr_name()`; this fills that attribute in. The admin is left alone: its
    settings forms edit the row as it is in the database.

    Kept because the query budgets need it: without it every page reads its settings row, one
    query more on each page type (tests/practice/test_queries.py: service 9 to 10 and standard
    6 to 7, over their budgets of 9 and 6), and Wagtail offers no other way to hand `load()`
    a row it did not read itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if structure.reads_public_pages(request):
            for model in generic_settings_models():
                name = model.get_cache_attr_name()
                # Lazily: a response that shows no settings (/healthz, a redirect) reads none.
                setattr(
                    request,
                    name,
                    SimpleLazyObject(partial(structure.site_setting, model)),
                )
        return self.get_response(request)


def generic_settings_models():
    """The registered settings that are one row for the whole site (not one per Site)."""
    from wagtail.contrib.settings.models import BaseGenericSetting
    from wagtail.contrib.settings.registry import registry

    return [model for model in registry if issubclass(model, BaseGenericSetting)]
