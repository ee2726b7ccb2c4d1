"""Index an article again once it is published, so `/search/` finds it with its categories
and tags.

Wagtail updates the index from a task enqueued on each save of the page row, and the
"default" task backend (settings TASKS) runs that task at once, inside the save. The page
row is saved before the article's categories and tags (they are saved after it), so that
update indexes the article without them; `page_published` is sent once all of it is saved.
"""

from wagtail.search import index
from wagtail.signals import page_published


def index_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def connect(article_model):
    """Called from BlogConfig.ready() with ArticlePage, once the models are loaded."""
    page_published.connect(index_published_article, sender=article_model, dispatch_uid="blog-index-article")
