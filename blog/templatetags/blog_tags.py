"""Template tags of the blog: the home page's latest articles, route URLs and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from blog.models import ArticlePage

register = template.Library()

# What must not appear raw inside a <script> element (same idea as Django's json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("blog/components/latest_articles.html", takes_context=True)
def latest_articles(context, count=3, heading="From our blog"):
    """The newest published articles as cards, for the home page. Renders nothing without any."""
    articles = list(ArticlePage.objects.published().with_listing_data().newest_first()[:count])
    return {"articles": articles, "heading": heading, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def blog_url(context, blog_index, name, **kwargs):
    """The path of a blog route: {% blog_url blog_index "category" slug=category.slug %}."""
    return blog_index.route_url(name, context.get("request"), **kwargs)


@register.filter
def ld_json(data):
    """A <script type="application/ld+json"> data block, safe against closing the element early.

    Browsers never execute it, so the Content-Security-Policy does not need to allow it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
