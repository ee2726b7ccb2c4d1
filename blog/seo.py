"""What articles add to the site's one pipeline of search and sharing metadata
(`practice.structured_data` and the `social_meta` tag): BlogPosting JSON-LD and Open Graph
article properties."""

from practice.structured_data import absolute, person, social_image

__all__ = ["article_open_graph", "blog_posting", "social_image"]


def article_open_graph(article, *, image=None):
    """The `open_graph` context of an article page: its type, image and article:* properties."""
    properties = [
        ("article:published_time", article.published_at.isoformat()),
        ("article:modified_time", article.modified_at.isoformat()),
        *(("article:section", category.name) for category in article.category_list),
        *(("article:tag", tag.name) for tag in article.tag_list),
    ]
    return {"type": "article", "image": image, "properties": properties}


def blog_posting(request, article, *, image=None, publisher_name=""):
    """schema.org BlogPosting. The clinical reviewer and review date sit on the web page the
    post is the main entity of, where schema.org defines `reviewedBy` and `lastReviewed`.
    Reads the article's author, reviewer and locale: its default manager joins them."""
    url = absolute(request, article.get_url(request))
    web_page = {"@type": "WebPage", "@id": url}
    reviewer = person(request, article.clinically_reviewed_by)
    if reviewer:
        web_page["reviewedBy"] = reviewer
    if article.last_reviewed:
        web_page["lastReviewed"] = article.last_reviewed.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title[:110],
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": web_page,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "timeRequired": f"PT{article.reading_time}M",
        # The language the article is written in (under /ko/ an untranslated article is English).
        "inLanguage": article.locale.language_code,
    }
    author = person(request, article.author)
    if author:
        data["author"] = author
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    if publisher_name:
        data["publisher"] = {"@type": "Organization", "name": publisher_name, "url": absolute(request, "/")}
    categories = [category.name for category in article.category_list]
    if categories:
        data["articleSection"] = categories
    tags = [tag.name for tag in article.tag_list]
    if tags:
        data["keywords"] = tags
    return data
