"""RSS 2.0 feeds of the blog, served by the blog index's routes (/blog/feed/ and per category)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags

from practice.structured_data import absolute

FEED_SIZE = 20


class ArticleFeed(Feed):
    """The newest published articles, with their summaries. Built for one request.

    Links are absolute on the public address (SITE_URL) when it is set, else on the request's.
    """

    feed_type = Rss201rev2Feed

    def __init__(self, index, *, request, articles, category=None, site_name=""):
        super().__init__()
        self.index = index
        self.request = request
        self.category = category
        self.site_name = site_name
        self.articles = articles

    def title(self):
        name = self.site_name or self.index.title
        return f"{name}: {self.category.name}" if self.category else f"{name}: articles"

    def link(self):
        url = self.index.get_url(self.request)
        if self.category:
            url += self.index.reverse_subpage("category", args=[self.category.slug])
        return absolute(self.request, url)

    def feed_url(self):
        return absolute(self.request, self.request.path)

    def description(self):
        if self.category and self.category.description:
            return self.category.description
        intro = " ".join(strip_tags(self.index.intro).split())
        return intro or f"New articles from {self.site_name or self.index.title}."

    def items(self):
        """The newest articles, without their bodies or any joined page but the author's."""
        articles = self.articles.select_related(None).select_related("author").defer_streamfields()
        return articles.prefetch_related("categories").newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(self.request, item.get_url(self.request))

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author.title if item.author else None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
