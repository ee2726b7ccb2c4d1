"""Languages: the locale middleware, and Wagtail pages served in the URL's language.

English is the default language and has no prefix; every other language in SITE_LANGUAGES is
served under /<code>/ (siteplatform/urls.py). A page not yet translated into the visitor's language
is served in English under the visitor's address, with a note in the visitor's language, never
a 404 (see `serve`).
"""

from contextvars import ContextVar
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail import hooks
from wagtail.models import Site

# The language of the address a request is for (its prefix, or English), while it is served.
address_language = ContextVar("address_language", default=None)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`.

    With `i18n_patterns(prefix_default_language=False)` the language is the URL's prefix, or
    English without one: Django then ignores the Accept-Language header and any cookie, yet
    still marks unprefixed responses as varying on the header, which would keep them out of the
    page cache and split shared caches for nothing. No language cookie is ever set.

    The language is the request's alone: once the response is made, the thread goes back to the
    default language, so nothing that runs there next (a signal, a task, the next request's
    middleware before this one) inherits a visitor's Korean or Hindi.
    """

    def process_request(self, request):
        super().process_request(request)
        address_language.set(request.LANGUAGE_CODE)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        translation.deactivate()
        address_language.set(None)
        vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
        kept = [value for value in vary if value.lower() != "accept-language"]
        if kept != vary:
            del response["Vary"]
            if kept:
                patch_vary_headers(response, kept)
        return response


def route(request, path, language_code):
    """The (page, args, kwargs) for `path` in the page tree of `language_code`, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    if language_code != settings.LANGUAGE_CODE:
        with translation.override(language_code):
            root = root.localized
    try:
        return root.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view (named `wagtail_serve`), with an English fallback.

    In the visitor's language when the page has a live translation; otherwise the English page,
    under the same address, which base.html marks as written in English and opens with a note
    in the visitor's language (`request.translation_fallback`). Wagtail's `before_serve_page`
    and `on_serve_page` hooks (privacy, previews) apply as in Wagtail's view.
    """
    language_code = translation.get_language()
    result = route(request, path, language_code)
    if result is None and language_code != settings.LANGUAGE_CODE:
        result = route(request, path, settings.LANGUAGE_CODE)
    if result is None:
        raise Http404
    page, args, kwargs = result
    if language_code != settings.LANGUAGE_CODE:
        written_in = content_language(page)
        if written_in != language_code:
            request.translation_fallback = fallback(written_in, language_code)

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        response = fn(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return on_serve_chain(page, request, args, kwargs)


def link_language():
    """The language whose prefix links to the site's pages take: the active language, unless a
    request under way is for an address in another one. The admin, at English addresses, runs
    in each editor's own language (Wagtail activates it in its views): its links to the live site
    go to each page's own address, not to the fallback under the editor's prefix."""
    language = translation.get_language()
    served = address_language.get()
    if served is not None and served != language:
        return settings.LANGUAGE_CODE
    return language


def in_default_language():
    """Whether the language being served is the default one (English)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]


def content_language(page):
    """The language a page's content is written in: its locale's, except for an alias of a page
    in another locale (wagtail-localize makes those for the parents of a translated page), which
    shows the original's content untranslated."""
    if page.alias_of_id:
        original = page.alias_of
        if original.locale_id != page.locale_id:
            return original.locale.language_code
    return page.locale.language_code


def fallback(page_language, visitor_language):
    """What components/translation_fallback.html says on a page served in another language than
    the visitor's: both languages, named in the visitor's."""
    with translation.override(visitor_language):
        return {
            "page_language": page_language,
            "visitor_language": visitor_language,
            "page_language_name": translation.get_language_info(page_language)["name_translated"],
            "visitor_language_name": translation.get_language_info(visitor_language)["name_translated"],
        }


def fallback_urls(urls):
    """The other addresses of the pages at `urls`: a page's address without a language prefix
    (English) also serves it, until it is translated, under every other language's prefix.
    A proxy or CDN keeps those too, so they are purged with it."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    result = []
    for url in urls:
        parts = urlsplit(url)
        if not translation.get_language_from_path(parts.path):
            result.extend(urlunsplit(parts._replace(path=f"/{code}{parts.path}")) for code in others)
    return result


def localized(pages):
    """`pages` (English, as lists show them) with each one that has a live translation in the
    language being served replaced by it: one query, and none in English. The pages kept in
    English are marked `content_language = "en"`, for `lang` on their card."""
    pages = list(pages)
    if in_default_language() or not pages:
        return pages
    language_code = translation.get_language()
    translated = {}
    for model in {type(page) for page in pages}:
        keys = [page.translation_key for page in pages if type(page) is model]
        for page in model.objects.live().filter(
            translation_key__in=keys, locale__language_code=language_code, alias_of__isnull=True
        ):
            translated[page.translation_key] = page
    result = []
    for page in pages:
        if page.translation_key in translated:
            result.append(translated[page.translation_key])
        else:
            page.content_language = settings.LANGUAGE_CODE
            result.append(page)
    return result
