"""Structured data and sharing metadata for blog pages, as plain dicts the templates print.

URLs are absolute for the host the request came in on, so what a crawler or a link
preview reads matches the address it fetched.
"""

SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def social_image(request, image):
    """The image link previews use: 1200×630 JPEG, with its alt text. None without an image."""
    if image is None:
        return None
    rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def breadcrumb_list(request, crumbs):
    """schema.org BreadcrumbList from (name, url) pairs, the current page last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(request, url)}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def person(request, clinician):
    if clinician is None:
        return None
    data = {"@type": "Person", "name": clinician.title, "url": absolute(request, clinician.get_url(request))}
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    if clinician.role:
        data["jobTitle"] = clinician.role
    return data


def blog_posting(request, article, *, image=None, publisher_name=""):
    """schema.org BlogPosting. The clinical reviewer and review date sit on the web page the
    post is the main entity of, where schema.org defines `reviewedBy` and `lastReviewed`."""
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
        "inLanguage": "en-US",
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
