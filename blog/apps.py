from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"
    # Articles, categories and tags appear on public pages: writing them renews the page cache.
    page_cache_content = True

    def ready(self):
        from blog import signals
        from blog.models import ArticlePage

        signals.connect(ArticlePage)
