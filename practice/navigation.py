"""The site's header, footer and legal links, resolved once and cached.

Every public page shows them, so they are built with one page query and kept in the
cache until an editor publishes, unpublishes, moves or deletes a page or edits the
navigation settings. With a shared cache (REDIS_URL) that is immediate for every
worker; with the per-process default it is immediate where the edit happened and at
most CACHE_TIMEOUT seconds later elsewhere.
"""

import time

from django.core.cache import cache
from django.utils.translation import gettext
from wagtail.models import Page, Site

from practice.models import NavigationSettings, PracticeSettings

CACHE_TIMEOUT = 60
VERSION_KEY = "practice:navigation:version"
LEGAL_PAGES = ("privacy_notice", "good_faith_estimate", "privacy_policy")


def _links(stream, pages, request):
    links = []
    for block in stream.raw_data:
        value = block["value"]
        page = pages.get(value.get("page"))
        url = page.get_url(request) if page else value.get("url")
        if url:
            links.append((value["label"], url))
    return links


def build_navigation(request):
    nav = NavigationSettings.load(request_or_site=request)
    legal_ids = {kind: getattr(nav, f"{kind}_page_id") for kind in LEGAL_PAGES}
    menu_ids = [
        block["value"].get("page") for stream in (nav.main_menu, nav.footer_menu) for block in stream.raw_data
    ]
    safety_id = PracticeSettings.load(request_or_site=request).browsing_safely_page_id
    wanted = {pk for pk in [*menu_ids, *legal_ids.values(), safety_id] if pk}
    pages = Page.objects.live().in_bulk(wanted) if wanted else {}
    return {
        "browsing_safely": pages[safety_id].get_url(request) if safety_id in pages else "",
        "main": _links(nav.main_menu, pages, request),
        "footer": _links(nav.footer_menu, pages, request),
        "legal": {
            kind: (pages[pk].title, pages[pk].get_url(request))
            for kind, pk in legal_ids.items()
            if pk in pages
        },
    }


def site_navigation(request):
    """{'main': [(label, url)], 'footer': [(label, url)], 'legal': {kind: (title, url)},
    'browsing_safely': url or ''}."""
    site = Site.find_for_request(request)
    key = f"practice:navigation:{cache.get(VERSION_KEY, 0)}:{site.pk if site else 0}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = build_navigation(request)
        cache.set(key, navigation, CACHE_TIMEOUT)
    return navigation


def invalidate_navigation(**kwargs):
    cache.set(VERSION_KEY, time.time_ns(), None)


def breadcrumb_trail(page, request):
    """(title, url) of each live ancestor below the tree's root, the site's home first as "Home".

    Walks up with get_parent(), which costs no query for a page being served: Wagtail's
    routing leaves each parent cached on its child.
    """
    trail = []
    parent = page.get_parent() if page.depth > 2 else None
    while parent is not None and parent.depth > 1:
        if parent.live:
            trail.append((parent.title if parent.depth > 2 else gettext("Home"), parent.get_url(request)))
        parent = parent.get_parent() if parent.depth > 2 else None
    return trail[::-1]
