"""Query logic of the blog: what visitors may see, and everything a card shows, fetched in a
fixed number of queries whatever the number of articles."""

from django.db.models import Count, OuterRef, Subquery

from blog.models.taxonomy import Category
from practice.query import VisiblePageQuerySet


class ArticlePageQuerySet(VisiblePageQuerySet):
    """Articles; `visible()` (live and public) is what visitors, feeds and search may see."""

    def select_for_update(self, *args, **kwargs):
        """A page locked for an edit comes without the joins the default manager adds:
        PostgreSQL cannot lock the nullable side of an outer join (an optional image, say)."""
        return VisiblePageQuerySet.select_for_update(self.select_related(None), *args, **kwargs)

    def only(self, *fields):
        """A narrow fetch (Wagtail's editor lists a page's translations with `.only("id",
        "locale")`) comes without the joins the default manager adds: Django refuses to join a
        field the same query leaves out. Joins asked for after `.only()` are kept."""
        return VisiblePageQuerySet.only(self.select_related(None), *fields)

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def with_listing_data(self):
        """Everything an article card shows (its first category by name, author, hero image
        and the image's renditions) in two queries, however many articles there are."""
        first_category = Category.objects.filter(articles=OuterRef("pk")).order_by("name").values("name")[:1]
        return (
            self.select_related("hero_image", "author")
            .prefetch_related("hero_image__renditions")
            .annotate(category_name=Subquery(first_category))
        )

    def in_category(self, category):
        return self.filter(categories=category)

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag)


def count_rows(queryset, group_by):
    """A subquery counting the rows of `queryset` (correlated to the outer article)."""
    return Subquery(queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"))
