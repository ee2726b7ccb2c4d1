"""Keep the search index current the moment an article is published.

Wagtail queues index updates as background tasks, which only run where `db_worker`
runs. Indexing a just-published article in the request as well means `/search/` finds
it immediately, with its categories and tags (committed only after the page's own
save, so the queued update can miss them).
"""

from wagtail.search import index
from wagtail.signals import page_published


def index_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def connect(article_model):
    """Called from BlogConfig.ready() with ArticlePage, once the models are loaded."""
    page_published.connect(index_published_article, sender=article_model, dispatch_uid="blog-index-article")
