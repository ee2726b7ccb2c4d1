from blog.models.article import ArticlePage, ArticlePageQuerySet, ArticleRelatedLink
from blog.models.index import BlogIndexPage
from blog.models.taxonomy import ArticlePageTag, Category

__all__ = [
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticlePageTag",
    "ArticleRelatedLink",
    "BlogIndexPage",
    "Category",
]
