"""Template tags for the site frame: navigation, footer, breadcrumbs, and the one pipeline of
search and sharing metadata (canonical URL, Open Graph, JSON-LD) every page type uses."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks

from practice import intake
from practice.models import PracticeSettings
from practice.navigation import breadcrumb_trail, crumb, site_navigation
from practice.structured_data import absolute, breadcrumb_list, social_image
from siteplatform.i18n import own_url

register = template.Library()

# The characters that could end a <script> element or start a comment inside one.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _in_section(url, path):
    """A link leads to the section the page is in: an address of this site above the page's own,
    such as /blog/ for an article or /contact/ for the intake form. Never the home page."""
    return url.startswith("/") and url.endswith("/") and url != "/" and path.startswith(url) and path != url


def _with_current(links, request):
    """Each link with `current` (the page itself) and `section` (the section the page is in)."""
    return [
        {
            **link._asdict(),
            "current": link.url == request.path,
            "section": _in_section(link.url, request.path),
        }
        for link in links
    ]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The header's navigation: the menu links, with the page or its section marked, and on
    phones the call link and the search form in the same fold-out panel."""
    request = context["request"]
    return {
        "links": _with_current(site_navigation(request)["main"], request),
        "practice": PracticeSettings.load(request_or_site=request),
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The footer's links: the staff-edited menu, then the legal notices (always shown)."""
    request = context["request"]
    navigation = site_navigation(request)
    return {
        "links": _with_current(navigation["footer"], request),
        "legal": list(navigation["legal"].values()),
        "settings": context.get("settings"),
    }


@register.simple_tag(takes_context=True)
def legal_page_url(context, which):
    """URL of one legal notice chosen in navigation settings: 'privacy_notice',
    'good_faith_estimate' or 'privacy_policy'. Empty when not chosen or not live."""
    link = site_navigation(context["request"])["legal"].get(which)
    return link.url if link else ""


@register.simple_tag(takes_context=True)
def main_menu_links(context):
    """The `Link`s of the main menu, as editors set it in the navigation settings."""
    return site_navigation(context["request"])["main"]


@register.simple_tag(takes_context=True)
def browsing_safely_url(context):
    """URL of the "Browsing safely" page chosen in the practice settings, when it is live."""
    return site_navigation(context["request"])["browsing_safely"]


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, current=None, parent=None, show_current=True):
    """The trail of live ancestors down to `page`, shown and given as BreadcrumbList JSON-LD.

    `current` names a view below the page (a category of the blog, say): the page then
    becomes the last link and `current` the unlinked end, at the request's own address.
    `parent` is the page's parent when the view already has it, so it is not looked up.
    `show_current=False` shows the ancestors only (an article's long title sits right below);
    the JSON-LD still ends with the current page, as search engines expect."""
    request = context["request"]
    if parent is None:
        trail = breadcrumb_trail(page, request)
    else:
        trail = breadcrumb_trail(parent, request)
        if parent.live and parent.depth > 1:
            trail.append(crumb(parent, request))
    if current is None:
        current, current_url = page.title, page.get_url(request)
    else:
        trail.append((page.title, page.get_url(request)))
        current_url = request.path
    return {
        "items": [{"title": title, "url": url} for title, url in trail],
        "current": current if show_current else None,
        "data": breadcrumb_list(request, [*trail, (current, current_url)]) if trail else None,
    }


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph and Twitter card tags for the page being served.

    Defaults come from the page: its title, meta description, canonical URL and social image.
    A page type extends them with an `open_graph` dict in its context; any of its keys `type`,
    `title`, `description`, `url` and `image` (a `social_image()` dict) replace the default,
    and `properties`, (property, content) pairs such as article:published_time, are added."""
    request = context["request"]
    page = context.get("page")
    og = {
        "type": "website",
        "title": getattr(page, "seo_title", "") or getattr(page, "title", ""),
        "description": page.get_meta_description() if hasattr(page, "get_meta_description") else "",
        "url": canonical_url(context),
        "site_name": PracticeSettings.load(request_or_site=request).practice_name,
        "properties": [],
    }
    overrides = context.get("open_graph") or {}
    og.update(overrides)
    if "image" not in overrides:
        image = page.get_social_image() if hasattr(page, "get_social_image") else None
        og["image"] = social_image(request, image)
    return {"og": og}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own absolute address; a view that shows something else sets `canonical`."""
    request = context["request"]
    if context.get("canonical"):
        return context["canonical"]
    page = context.get("page")
    if page is not None and hasattr(page, "get_url"):
        # Its own address: a page not yet translated, served under /ko/, is the English page.
        return absolute(request, own_url(page, request))
    return absolute(request, request.path)


@register.simple_tag(takes_context=True)
def site_head_links(context):
    """<link> elements other apps add to every page's <head>, such as the blog's feed.

    Each function registered with the Wagtail hook "site_head_links" takes the request and
    returns dicts with `rel`, `type`, `title` and `href`. Practice never names those apps."""
    request = context["request"]
    links = [link for hook in hooks.get_hooks("site_head_links") for link in hook(request)]
    return format_html_join(
        "\n    ",
        '<link rel="{}" type="{}" title="{}" href="{}">',
        ((link["rel"], link["type"], link["title"], link["href"]) for link in links),
    )


@register.simple_tag(name="intake_url")
def intake_url_tag():
    """The consultation request's address, from the app that takes it (practice.intake)."""
    return intake.intake_url()


@register.simple_tag(takes_context=True)
def home_page_sections(context):
    """Sections other apps add to the home page, in hook order, such as the blog's latest
    articles.

    Each function registered with the Wagtail hook "home_page_sections" takes the home page's
    template context and returns HTML (marked safe), or "" to add nothing. Practice never names
    those apps."""
    return mark_safe("".join(hook(context) for hook in hooks.get_hooks("home_page_sections")))  # noqa: S308


@register.filter
def json_ld(data):
    """A <script type="application/ld+json"> data block, safe against closing the element early;
    one per item when given a list. Browsers never execute it, so the Content-Security-Policy
    does not need to allow it. Nothing at all for empty data."""
    if not data:
        return ""
    if isinstance(data, list | tuple):
        return format_html_join("\n", "{}", ((json_ld(item),) for item in data if item))
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers for pagination: the ends and the neighbours of the current page,
    with Paginator.ELLIPSIS between, so 500 articles make a short, usable list."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
