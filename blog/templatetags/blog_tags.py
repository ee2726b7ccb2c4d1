"""Template tags of the blog: the home page's latest articles, route URLs."""

from django import template

from blog.models import ArticlePage

register = template.Library()


@register.inclusion_tag("blog/components/latest_articles.html", takes_context=True)
def latest_articles(context, count=3, heading="From our blog"):
    """The newest published articles as cards, for the home page. Renders nothing without any."""
    articles = list(ArticlePage.objects.published().with_listing_data().newest_first()[:count])
    return {"articles": articles, "heading": heading, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def blog_url(context, blog_index, name, **kwargs):
    """The path of a blog route: {% blog_url blog_index "category" slug=category.slug %}."""
    return blog_index.route_url(name, context.get("request"), **kwargs)
