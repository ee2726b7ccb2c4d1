"""Wagtail's routing from a site's root page, with every page along the path read in one query."""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def routes_itself(page, remaining):
    """Whether `page` (specific, deferred) answers `remaining` itself rather than through a child:
    a live RoutablePageMixin page with a sub-route for it (tried before its children, as its
    `route` does), or a page whose class routes in a way of its own, which is then handed the rest."""
    page_class = type(page)
    if page_class.route is Page.route:
        return False
    if not issubclass(page_class, RoutablePageMixin):
        return True
    if not page.live:
        return False
    try:
        page.resolve_subpage("/" + "".join(f"{slug}/" for slug in remaining))
    except Http404:
        return False
    return True


def route_down(root, request, path_components):
    """What Wagtail's `Page.route` returns for `path_components` below `root`: the same page,
    arguments and Http404s, with the same parents cached on each page for breadcrumbs.

    Wagtail asks for each level's child by slug, then for that child's own row: two queries per
    level. Here the pages at every prefix of the path (their URL paths) come in one query; only
    the page routed to is read in full, and a page on the way that routes the rest itself
    (`routes_itself`) is handed it, as Wagtail would. Parents on the way are the specific class's
    instances without their own fields read (`specific_deferred`): links name them, as
    `BasePage.get_url_parts` decides."""
    if not path_components:
        return Page.route(root, request, path_components)
    prefixes = [
        root.url_path + "".join(f"{slug}/" for slug in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    on_path = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth
        )
    }
    parent = root
    for level, prefix in enumerate(prefixes):
        page = on_path.get(prefix)
        if page is None or page.depth != parent.depth + 1:
            raise Http404
        page._cached_parent_obj = parent
        remaining = path_components[level + 1 :]
        deferred = page.specific_deferred
        if not remaining or routes_itself(deferred, remaining):
            return page.specific.route(request, remaining)
        parent = deferred
    raise Http404  # not reached: the last prefix has no remaining components
