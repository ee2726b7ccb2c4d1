"""The reference rows every public page reads, read once per content generation in each process
instead of once or more per page: the Site a host is served as, the Locale of a language, and
which sections are private.

Wagtail asks the database for them on every request: the Site for the host (routing, links),
the active Locale on every `.localized` (routing from the root, each rich-text link to a page),
the view restrictions twice (the serve hook, and every `public()` listing). They change only
through the admin, and every change to them starts a new content generation
(`siteplatform.page_cache`), so a process may keep what it read under the generation the request
started in. Only visitors' requests are served from here, pages and the posts of the public forms
alike (`PageCacheMiddleware` opens the scope, `reading`): a post changes none of these rows, and a
booking post would otherwise read the private sections once for each page choice it checks. The
admin, commands and tests outside a request read the database as before. Each request gets its
own copies of the Site and its root page, so nothing a request caches on them reaches another.

Kept in the process, not in the shared cache: these are a few small rows, and reading them back
from Redis would cost about what the query does.
"""

import contextlib
import copy
import threading
from contextvars import ContextVar

from django.db.models import Q

# Where siteplatform/urls.py mounts the Wagtail admin.
ADMIN_PREFIX = "/admin/"

_generation = ContextVar("structure_generation", default=None)
_lock = threading.Lock()
_store = {"generation": None, "values": {}}
# Sites are kept per host name, so the store is bounded even where ALLOWED_HOSTS allows any host.
MAX_VALUES = 256


def reads_public_pages(request):
    """Whether a request is a visitor's (anything outside the admin: a page, or a post to a public
    form): the one test of whether its site structure and settings may come from here."""
    return not request.path.startswith(ADMIN_PREFIX)


@contextlib.contextmanager
def reading(generation):
    """Serve `remembered` values of `generation` within the block (a public request)."""
    token = _generation.set(generation)
    try:
        yield
    finally:
        _generation.reset(token)


def remembered(name, build):
    """What `build()` returns, once per content generation in this process; within a public
    request only (see the module's docstring), else built every time."""
    generation = _generation.get()
    if generation is None:
        return build()
    with _lock:
        if _store["generation"] != generation:
            _store["generation"], _store["values"] = generation, {}
        values = _store["values"]
        if name in values:
            return values[name]
    value = build()
    with _lock:
        if _store["generation"] == generation and len(values) < MAX_VALUES:
            values.setdefault(name, value)
    return value


def site_for_request(request):
    """The Site `request` is for (Wagtail's own choice) with its root page in its specific
    class (what Wagtail's routing starts from), without a query after the first, as a copy of
    its own with its own copy of the root page."""
    from django.http.request import split_domain_port
    from wagtail.models import Site

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = read_ahead(site.root_page.specific)
        return site

    hostname = split_domain_port(request._get_raw_host())[0]
    site = remembered(("site", hostname, request.get_port()), find)
    if site is None:
        return None
    own = copy.copy(site)
    own.root_page = copy.copy(site.root_page)
    return own


def read_ahead(page):
    """`page`, a page kept here, with the images it shows on every visit read into it once (its
    `described_image_fields`, practice.images). Its Locale is `language_code_of` its id."""
    for name in getattr(page, "described_image_fields", ()):
        getattr(page, name)  # kept on the page with it
    return page


def site_setting(model):
    """This request's copy of a site-wide settings row (a Wagtail BaseGenericSetting)."""
    return copy.copy(remembered(("settings", model._meta.label), model.load))


def restricted_paths():
    """The tree paths of the pages with a view restriction (private sections), in one query."""
    from wagtail.models import PageViewRestriction

    return remembered(
        "restricted-paths", lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def private_sections():
    """A Q of the pages inside a private section (a view restriction and all below it), which
    `public()` leaves out: Wagtail's rule, from the restricted paths above, without a query."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return private or Q(pk__in=[])


def remember_locales():
    """Wagtail's `Locale.objects.get_for_language` (behind `Locale.get_active()`, `.localized`
    and `Locale.get_default()`) from the per-generation store within a public request."""
    from wagtail.models.i18n import LocaleManager

    original = LocaleManager.get_for_language
    if getattr(original, "remembered", False):
        return

    def get_for_language(self, language_code):
        return remembered(("locale", language_code), lambda: original(self, language_code))

    get_for_language.remembered = True
    LocaleManager.get_for_language = get_for_language


def remembered_page(name, build):
    """A page the site's structure names (a site's root page in another language), found by
    `build()` once per content generation, each request getting its own copy of it (with what
    `build` read into it, such as its Locale)."""
    page = remembered(name, build)
    return copy.copy(page) if page is not None else None


def translated_keys():
    """The translation keys of the pages that have a translation: those of every page outside
    the default language, a few rows however large the blog. A page whose key is not among them
    exists in its own language only, which its language links need no query to know."""
    from wagtail.models import Locale, Page

    def build():
        others = Page.objects.exclude(locale=Locale.get_default())
        return frozenset(others.values_list("translation_key", flat=True))

    return remembered("translated-keys", build)


def language_code_of(locale_id):
    """The language code of a Locale by its id, without a query after the first: routing asks
    which language each page it serves is written in."""
    from wagtail.models import Locale

    codes = remembered("locale-codes", lambda: dict(Locale.objects.values_list("id", "language_code")))
    if locale_id not in codes:  # a Locale added outside a public request: read it as Wagtail would
        return Locale.objects.get(pk=locale_id).language_code
    return codes[locale_id]
