"""Template tags for the site frame: navigation, footer, breadcrumbs, canonical URLs."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from practice.models import PracticeSettings
from practice.navigation import breadcrumb_trail, site_navigation

register = template.Library()

# The characters that could end a <script> element or start a comment inside one.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _with_current(links, request):
    return [{"label": label, "url": url, "current": url == request.path} for label, url in links]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    return {"links": _with_current(site_navigation(request)["main"], request)}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The footer's links: the staff-edited menu, then the legal notices (always shown)."""
    request = context["request"]
    navigation = site_navigation(request)
    legal = [{"label": title, "url": url} for title, url in navigation["legal"].values()]
    return {
        "links": _with_current(navigation["footer"], request),
        "legal": legal,
        "settings": context.get("settings"),
    }


@register.simple_tag(takes_context=True)
def legal_page_url(context, which):
    """URL of one legal notice chosen in navigation settings: 'privacy_notice',
    'good_faith_estimate' or 'privacy_policy'. Empty when not chosen or not live."""
    title_url = site_navigation(context["request"])["legal"].get(which)
    return title_url[1] if title_url else ""


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    trail = breadcrumb_trail(page, context["request"])
    return {"items": [{"title": title, "url": url} for title, url in trail], "current": page}


SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph and Twitter card tags for the page being served (or any other view)."""
    request = context["request"]
    page = context.get("page")
    og = {
        "type": "website",
        "title": getattr(page, "seo_title", "") or getattr(page, "title", ""),
        "description": page.get_meta_description() if hasattr(page, "get_meta_description") else "",
        "url": canonical_url(context),
        "site_name": PracticeSettings.load(request_or_site=request).practice_name,
        "image": None,
    }
    image = page.get_social_image() if hasattr(page, "get_social_image") else None
    if image is not None:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
        og["image"] = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }
    return {"og": og}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        return page.get_full_url(request)
    return request.build_absolute_uri(request.path)


@register.filter
def json_ld(data):
    """A <script type="application/ld+json"> data block, safe against closing the element early.

    Browsers never execute it, so the Content-Security-Policy does not need to allow it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers for pagination: the ends and the neighbours of the current page,
    with Paginator.ELLIPSIS between, so 500 articles make a short, usable list."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
