"""Languages: the locale middleware, the English fallback, and a page's address in a language.

English is the default language and has no prefix; every other language in SITE_LANGUAGES is
served under /<code>/ (siteplatform/urls.py), by Wagtail's own page view. A page not yet translated
into the visitor's language is served in English under the visitor's address, with a note in
the visitor's language, never a 404 (`route_with_fallback`, the home page's `route`). Links to
it from a request in that language stay under the prefix (`link_language`, the one rule).
"""

from django.conf import settings
from django.http import Http404
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Locale, Page, Site

from siteplatform import structure


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

    def process_response(self, request, response):
        response = super().process_response(request, response)
        translation.deactivate()
        vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
        kept = [value for value in vary if value.lower() != "accept-language"]
        if kept != vary:
            del response["Vary"]
            if kept:
                patch_vary_headers(response, kept)
        return response


def link_language(request):
    """The language whose prefix a link to an English page takes for `request`, or None.

    This is the one rule for a page's address in a language. An English page (a page not yet
    translated) is served under every other language's prefix, so a visitor reading Korean is
    linked to /ko/team/, not /team/. The language is `request.LANGUAGE_CODE`, which Django's
    LocaleMiddleware takes from the address alone; nothing ambient is read, so a task, a purge
    or an email (no request) links each page at its own address, and so does the admin (its
    requests are at English addresses; it speaks an editor's own language only in its views)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if language in (None, settings.LANGUAGE_CODE) or language not in dict(settings.LANGUAGES):
        return None
    # Where the admin is mounted, as the page cache and the middleware know it: asked of every
    # link on a page in another language, so not reversed each time.
    if request.path_info.startswith(structure.ADMIN_PREFIX):
        return None
    return language


def in_language(url, language):
    """`url` under `language`'s prefix when it is an unprefixed address of this site (an English
    page's); any other address (prefixed already, another site's, None) as it is."""
    if (
        language in (None, settings.LANGUAGE_CODE)
        or not url
        or not url.startswith("/")
        or url.startswith("//")
        or translation.get_language_from_path(url)
    ):
        return url
    return f"/{language}{url}"


def own_url(page, request):
    """`page`'s own address (an English page's without any prefix), relative on the request's
    site: what canonical and hreflang links name, whatever language the request is in."""
    return page.get_url(None, current_site=Site.find_for_request(request))


def route_with_fallback(root, request, path_components, route):
    """What a site's root page in a locale routes `path_components` to (`route` is the root's
    own Wagtail `route`): its page in that locale, or, when that locale's tree has none, the
    English page at the same path. Wagtail's serve view starts at the root page in the visitor's
    language (`site.root_page.localized`: the English root while no live one exists in it).

    A page whose content is not in the visitor's language marks the request with
    `translation_fallback`: base.html then says so in the visitor's language and marks the
    content `lang="en"`."""
    try:
        result = route(request, path_components)
    except Http404:
        english = None
        if structure.language_code_of(root.locale_id) != settings.LANGUAGE_CODE:
            default = Locale.get_default()
            english = structure.remembered_page(
                ("translation", root.pk, default.pk), lambda: root.get_translation_or_none(default)
            )
        if english is None:
            raise
        result = english.specific.route(request, path_components)
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if language != settings.LANGUAGE_CODE:
        written_in = content_language(result[0])
        if written_in != language:
            request.translation_fallback = fallback(written_in, language)
    return result


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
            return structure.language_code_of(original.locale_id)
    return structure.language_code_of(page.locale_id)


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


def live_translations(pages):
    """{page id: its live translation in the active language} for those of `pages` in another
    locale that have one: what Wagtail's `.localized` answers for each (an alias included), in
    one query for all; rich-text links use it. Lists use `localized`, which never lists an alias."""
    if not pages or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return {}
    elsewhere = [page for page in pages if page.locale_id != locale.pk]
    if not elsewhere:
        return {}
    keys = {page.translation_key for page in elsewhere}
    found = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale).specific(defer=True)
        if page.live
    }
    return {page.pk: found[page.translation_key] for page in elsewhere if page.translation_key in found}
