"""Template tags for the languages of a page: the language switcher and the hreflang links.

A Wagtail page exists in the languages it has a live translation in (its own included); any
other address (the forms, search, a blog listing's sub-route) exists in every language of
SITE_LANGUAGES, at the same path under that language's prefix.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page

from practice.structured_data import absolute
from siteplatform import i18n, structure
from siteplatform.page_cache import cached_fragment

register = template.Library()


def page_translations(request, page):
    """{language code: address} of a Wagtail page's live translations, the page itself included;
    an alias of the page in another locale (its content untranslated) is not a translation.

    Built once per content generation (a publish renews it) and once per request, so the
    switcher and the hreflang links cost no query on a warm cache."""
    if page is None or not hasattr(page, "get_translations"):
        return None
    memo = request.__dict__.setdefault("_page_translations", {})
    if page.pk not in memo:

        def build():
            if page.translation_key not in structure.translated_keys():
                # In one language only (most pages): itself, when live.
                return (
                    {structure.language_code_of(page.locale_id): i18n.own_url(page, request)}
                    if page.live
                    else {}
                )
            # Base rows with their locale, in one query: an address needs nothing of a page
            # type's own tables, which an article's manager would join to each row (no page type
            # links its own address differently without a request: BasePage.get_url_parts), and
            # of those only what an address reads: 4 % of a Korean page's render was building the
            # other 25 columns of each translation.
            translations = list(
                Page.objects.filter(translation_key=page.translation_key)
                .live()
                .select_related("locale")
                .only("url_path", "path", "depth", "alias_of_id", "locale__language_code")
            )
            # Translations share one translation key, so an alias of one of them is in another locale.
            ids = {translated.id for translated in translations}
            # Each translation's own address (an English page's without a prefix).
            return {
                translated.locale.language_code: i18n.own_url(translated, request)
                for translated in translations
                if translated.alias_of_id not in ids
            }

        name = f"translations:{page.translation_key}:{request.get_host()}"
        memo[page.pk] = cached_fragment(name, build, request=request)
    return memo[page.pk]


def without_language(path):
    language_code = translation.get_language_from_path(path)
    return path.removeprefix(f"/{language_code}") if language_code else path


def serves_page_itself(request, page):
    """Whether the request is for the page's own address, in any language (not a sub-route
    such as a blog category)."""
    url = page.get_url(request)
    return bool(url) and without_language(request.path) == without_language(url)


def address_in(request, page, translations, language_code):
    """The address of what the visitor is reading, in `language_code`: the translation's own
    address when there is one, else the same path under that language's prefix (which serves
    the English fallback)."""
    if translations and language_code in translations and serves_page_itself(request, page):
        return translations[language_code]
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Every language of the site with the address of this page in it, named in its own
    language, for the language switcher. `exists` is False where the visitor would get the
    English fallback."""
    request = context["request"]
    page = context.get("page")
    translations = page_translations(request, page)
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": address_in(request, page, translations, code),
            "current": code == current,
            "exists": translations is None or code in translations,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """`<link rel="alternate" hreflang>` entries, as (hreflang, absolute URL) pairs: exactly
    the languages this page exists in, then x-default (the English version). Empty when the
    page exists in one language only."""
    request = context["request"]
    page = context.get("page")
    translations = page_translations(request, page)
    if translations is not None and not serves_page_itself(request, page):
        translations = None  # a sub-route: its path is the same in every language
    codes = [code for code, _name in settings.LANGUAGES if translations is None or code in translations]
    if len(codes) < 2:
        return []
    urls = {code: absolute(request, address_in(request, page, translations, code)) for code in codes}
    alternates = [(code, urls[code]) for code in codes]
    if settings.LANGUAGE_CODE in urls:
        alternates.append(("x-default", urls[settings.LANGUAGE_CODE]))
    return alternates


@register.simple_tag
def home_url():
    """The home page in the language being served: / in English, /ko/ in Korean."""
    language_code = translation.get_language()
    if language_code in (None, settings.LANGUAGE_CODE) or language_code not in dict(settings.LANGUAGES):
        return "/"
    return f"/{language_code}/"


@register.simple_tag
def in_default_language():
    """Whether the page is served in the default language: `{% in_default_language as english %}`."""
    return i18n.in_default_language()


@register.simple_tag
def default_lang():
    """` lang="en"` for an element whose words are written in the default language (a snippet,
    the practice's settings, a card of a page not yet translated), on a page served in another
    language, so that a screen reader reads them with the right voice; nothing in English."""
    if i18n.in_default_language():
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
