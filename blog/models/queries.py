"""Query logic of the blog: what visitors may see, and everything a card or an article page
shows, fetched in a fixed number of queries whatever the number of articles."""

from django.db import models
from django.db.models import Count, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat

from blog.models.taxonomy import ArticlePageTag, Category
from practice.query import VisiblePageQuerySet, restricted_q


class ArticlePageQuerySet(VisiblePageQuerySet):
    def published(self):
        """Live articles outside any private section: what visitors, feeds and search may see."""
        return self.visible()

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

    def with_article_data(self):
        """Everything the article page shows about the article itself, in one query: its
        people and images joined, its categories and tags aggregated as text, and whether it
        sits in a private section (which spares Wagtail's view-restriction lookup)."""
        return self.select_related(
            "hero_image", "author", "clinically_reviewed_by", "related_service"
        ).annotate(
            category_labels=labels(self.model.categories.through, "articlepage", "category"),
            tag_labels=labels(ArticlePageTag, "content_object", "tag"),
            in_private_section=restricted_q(),
        )

    def in_category(self, category):
        return self.filter(categories=category)

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag)


LABEL_FIELDS, LABEL_ROWS = "\t", "\n"


def labels(through, owner, target):
    """A subquery giving one line "pk<TAB>slug<TAB>name" per category or tag of an article;
    `unpack_labels` turns it back into objects. (SQLite cannot order inside an aggregate.)"""
    line = Concat(
        Cast(f"{target}_id", models.CharField()),
        Value(LABEL_FIELDS),
        f"{target}__slug",
        Value(LABEL_FIELDS),
        f"{target}__name",
        output_field=models.CharField(),
    )
    rows = (
        through.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(text=StringAgg(line, delimiter=Value(LABEL_ROWS)))
        .values("text")
    )
    return Subquery(rows, output_field=models.TextField())


def count_rows(queryset, group_by):
    """A subquery counting the rows of `queryset` (correlated to the outer article)."""
    return Subquery(queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"))


def unpack_labels(text, model):
    items = []
    for row in filter(None, (text or "").split(LABEL_ROWS)):
        pk, slug, name = row.split(LABEL_FIELDS, 2)
        items.append(model(pk=int(pk), slug=slug, name=name))
    return sorted(items, key=lambda item: item.name)
