"""Template tags for the site frame: navigation, footer, breadcrumbs, canonical URLs."""

from django import template
from wagtail.models import Page

from practice.models import NavigationSettings, PracticeSettings

register = template.Library()


def _resolve_links(stream, request):
    """Turn a stream of LinkBlocks into (label, url, is_current) tuples."""
    links = []
    for block in stream:
        value = block.value
        page = value.get("page")
        url = page.specific_deferred.get_url(request) if page else value.get("url")
        if not url:
            continue
        links.append({"label": value["label"], "url": url, "current": url == request.path})
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    nav = NavigationSettings.load(request_or_site=request)
    return {"links": _resolve_links(nav.main_menu, request), "request": request}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The footer's links: the staff-edited menu, then the legal notices (always shown)."""
    request = context["request"]
    nav = NavigationSettings.load(request_or_site=request)
    legal_ids = [
        nav.privacy_notice_page_id,
        nav.good_faith_estimate_page_id,
        nav.privacy_policy_page_id,
    ]
    pages = Page.objects.live().in_bulk([pk for pk in legal_ids if pk])
    legal = [
        {"label": page.title, "url": page.get_url(request)}
        for page in (pages.get(pk) for pk in legal_ids)
        if page is not None
    ]
    return {"links": _resolve_links(nav.footer_menu, request), "legal": legal}


@register.simple_tag(takes_context=True)
def legal_page_url(context, which):
    """URL of one legal notice chosen in navigation settings: 'privacy_notice',
    'good_faith_estimate' or 'privacy_policy'. Empty when not chosen or not live."""
    request = context["request"]
    nav = NavigationSettings.load(request_or_site=request)
    page_id = getattr(nav, f"{which}_page_id", None)
    if not page_id:
        return ""
    page = Page.objects.live().filter(pk=page_id).first()
    return page.get_url(request) if page else ""


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]
    # Ancestors of a page being served share its view restrictions, so `.public()` is not needed.
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page.depth > 2 else []
    items = [{"title": a.title if a.depth > 2 else "Home", "url": a.get_url(request)} for a in ancestors]
    return {"items": items, "current": page}


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
