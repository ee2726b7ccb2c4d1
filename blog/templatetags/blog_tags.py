"""Template tags of the blog: the home page's latest articles, an article's body in parts."""

from django import template
from django.utils.translation import gettext_lazy as _

from blog.invitation import body_parts
from blog.models import ArticlePage
from blog.models.index import blog_urls

register = template.Library()

DEFAULT_HEADING = _("From our blog")


@register.inclusion_tag("blog/components/latest_articles.html", takes_context=True)
def latest_articles(context, count=3, heading=DEFAULT_HEADING):
    """The newest published articles as cards, for the home page. Renders nothing without any."""
    articles = list(ArticlePage.objects.visible().with_listing_data().newest_first()[:count])
    request = context.get("request")
    index = blog_urls(request)["index"] if request else ""
    return {"articles": articles, "heading": heading, "request": request, "blog_index_url": index}


@register.simple_tag
def article_body_parts(page):
    """The article's body as parts to render, the automatic invitation to reach out among them."""
    return body_parts(page)
