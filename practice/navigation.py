"""The site's header, footer and legal links, resolved once and cached.

Every public page shows them, so they are built with one page query and kept as a fragment
(`siteplatform.page_cache.cached_fragment`): the one generation that every content change and
every release renews, so a publish, a move or a settings edit shows at once on every worker.
"""

from typing import NamedTuple

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Page, Site

from practice.models import NavigationSettings, PracticeSettings
from siteplatform.i18n import in_language, link_language
from siteplatform.page_cache import cached_fragment
from siteplatform.structure import remembered

LEGAL_PAGES = ("privacy_notice", "good_faith_estimate", "privacy_policy")


# The demo's menu labels, in the translation catalogues: a label an editor writes is shown in
# another language when the catalogue has it (these), else as written.
STANDARD_LABELS = (
    gettext_noop("Services"),
    gettext_noop("Our team"),
    gettext_noop("Fees & insurance"),
    gettext_noop("Blog"),
    gettext_noop("About"),
    gettext_noop("Contact"),
    gettext_noop("FAQ"),
    gettext_noop("Request a consultation"),
    gettext_noop("Location & directions"),
    gettext_noop("Accessibility"),
)


class Link(NamedTuple):
    label: str
    url: str
    lang: str = ""  # the label's language where it is not the page's: an English label on a Korean page


class Localizer:
    """Menu links in the visitor's language: a linked page's live translation (its title too, where
    the label is the English page's title), else the page's address under the language's prefix,
    which serves it in English with a note: the rule every page link follows
    (`siteplatform.i18n.link_language`), applied here to the plain Page rows a menu loads. English
    needs nothing."""

    def __init__(self, request, pages):
        self.request = request
        self.language = translation.get_language() or settings.LANGUAGE_CODE
        self.translations = {}
        if self.language != settings.LANGUAGE_CODE and pages:
            keys = [page.translation_key for page in pages.values()]
            self.translations = {
                page.translation_key: page
                for page in Page.objects.live()
                .filter(translation_key__in=keys, locale__language_code=self.language, alias_of__isnull=True)
                .only("id", "title", "url_path", "translation_key", "locale_id", "depth", "path")
            }

    def page(self, page, label):
        """The menu link to `page`: its translation's title where the label is the page's title."""
        translated = self.translations.get(page.translation_key)
        if translated is not None and label == page.title:
            return Link(translated.title, self.address(page))
        return self.link(label, self.address(page))

    def link(self, label, url):
        """A link with an editor's label: translated when the catalogue knows it (the standard
        ones), else shown as written, in English."""
        text = gettext(label)
        english = self.language != settings.LANGUAGE_CODE and text == label
        return Link(text, url, settings.LANGUAGE_CODE if english else "")

    def address(self, page):
        """`page`'s address in the visitor's language: its translation's, or its own under the prefix."""
        translated = self.translations.get(page.translation_key)
        if translated is not None:
            return translated.get_url(self.request)
        return in_language(page.get_url(self.request), link_language(self.request)) or ""

    def url(self, url):
        """An address an editor typed, of this site under the visitor's prefix where the site has
        one (a page, a form; not /documents/ or the admin), another site's as it is. Not a page
        link: Django's translate_url knows which addresses take a prefix."""
        if (
            self.language == settings.LANGUAGE_CODE
            or not url
            or not url.startswith("/")
            or url.startswith("//")
        ):
            return url or ""
        # Resolved as the English address it is (an unprefixed path resolves in English only).
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(url, self.language)


def _links(stream, pages, localizer):
    links = []
    for block in stream.raw_data:
        value = block["value"]
        page = pages.get(value.get("page"))
        if page is not None:
            links.append(localizer.page(page, value["label"]))
        elif value.get("url"):
            links.append(localizer.link(value["label"], localizer.url(value["url"])))
    return [link for link in links if link.url]  # a page moved out of the site has no address


def build_navigation(request):
    nav = NavigationSettings.load(request_or_site=request)
    legal_ids = {kind: getattr(nav, f"{kind}_page_id") for kind in LEGAL_PAGES}
    menu_ids = [
        block["value"].get("page") for stream in (nav.main_menu, nav.footer_menu) for block in stream.raw_data
    ]
    safety_id = PracticeSettings.load(request_or_site=request).browsing_safely_page_id
    wanted = {pk for pk in [*menu_ids, *legal_ids.values(), safety_id] if pk}
    pages = Page.objects.live().in_bulk(wanted) if wanted else {}
    localizer = Localizer(request, pages)
    legal = {
        kind: localizer.page(pages[pk], pages[pk].title) for kind, pk in legal_ids.items() if pk in pages
    }
    return {
        "browsing_safely": localizer.address(pages[safety_id]) if safety_id in pages else "",
        "main": _links(nav.main_menu, pages, localizer),
        "footer": _links(nav.footer_menu, pages, localizer),
        "legal": {kind: link for kind, link in legal.items() if link.url},
    }


def site_navigation(request):
    """{'main': [Link], 'footer': [Link], 'legal': {kind: Link}, 'browsing_safely': url or ''},
    in the visitor's language (shared by every request of a generation: never changed in place).
    Resolved once per request: the header, the footer and the quick exit each ask."""
    navigation = getattr(request, "practice_navigation", None)
    if navigation is None:
        site = Site.find_for_request(request)
        name = f"practice:navigation:{site.pk if site else 0}"
        # Per site and language. Site structure, as the Site and Locales are: read once per content
        # generation in a process, and kept as a fragment for the other processes.
        navigation = remembered(
            (name, translation.get_language()),
            lambda: cached_fragment(name, lambda: build_navigation(request), request=request),
        )
        request.practice_navigation = navigation
    return navigation


def crumb(page, request):
    """(title, url) of a page in a breadcrumb trail: the site's home is called "Home"."""
    return (page.title if page.depth > 2 else gettext("Home"), page.get_url(request))


def breadcrumb_trail(page, request):
    """(title, url) of each live ancestor below the tree's root, the site's home first as "Home".

    Walks up with get_parent(), which costs no query for a page being served: Wagtail's
    routing leaves each parent cached on its child.
    """
    trail = []
    parent = page.get_parent() if page.depth > 2 else None
    while parent is not None and parent.depth > 1:
        if parent.live:
            trail.append(crumb(parent, request))
        parent = parent.get_parent() if parent.depth > 2 else None
    return trail[::-1]
