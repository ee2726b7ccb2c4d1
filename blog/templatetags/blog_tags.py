from django import template

register = template.Library()


@register.inclusion_tag("blog/components/latest_articles.html", takes_context=True)
def latest_articles(context, count=3, heading="From our blog"):
    """Latest articles for the home page. (Foundation stub; the blog issue fills it in.)"""
    return {"articles": [], "heading": heading, "request": context.get("request")}
