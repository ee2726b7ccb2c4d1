"""Query logic of the blog: what visitors may see, and everything a card shows, fetched in a
fixed number of queries whatever the number of articles."""

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery

from blog.models.taxonomy import Category
from practice.models.renditions import renditions_prefetch
from practice.query import VisiblePageQuerySet

# The renditions of templates/blog/components/article_card.html (in practice.images.RENDITION_SPECS).
ARTICLE_CARD_SPEC = "format-{avif,webp,jpeg} fill-{400x225,800x450}"
# The columns of an article a card reads (templates/blog/components/article_card.html), with those
# Wagtail needs to link it (its address, language and type): a card is a sixth of the row.
CARD_FIELDS = (
    *("title", "slug", "url_path", "path", "depth", "locale", "translation_key", "content_type", "live"),
    *("date", "summary", "reading_time", "hero_image"),
)


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
        """Everything an article card shows (its first category by name, hero image and the
        image's renditions in the card's sizes) in two queries, however many articles there are.

        Only the hero image is joined: a card names no author, reviewer or service, and every
        join the default manager adds would be read and built for each card. Only the card's
        renditions come: an image has every size of RENDITION_SPECS made ahead, six times more.
        Only the card's columns (CARD_FIELDS): no body, since sorting every article's body to skip
        to a far page made page 200 of 10,000 four times slower than page 1, and none of the
        thirty others, whose compiling and reading cost a listing of three a third of a ms."""
        first_category = Category.objects.filter(articles=OuterRef("pk")).order_by("name").values("name")[:1]
        return (
            self.only(*CARD_FIELDS)
            .select_related("hero_image")
            .prefetch_related(renditions_prefetch("hero_image", ARTICLE_CARD_SPEC))
            .annotate(category_name=Subquery(first_category))
        )

    def in_category(self, category):
        return self.filter(categories=category)

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag)


def count_rows(queryset, group_by):
    """A subquery counting the rows of `queryset` (correlated to the outer article)."""
    return Subquery(queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"))


class ListingPaginator(Paginator):
    """Django's paginator of an ordered queryset, whose far pages find their rows by id: the
    database sorts the ids (narrow rows) to skip to the page, then reads only its rows whole.
    Sorting whole articles (their listing data joined) to skip 2,388 of 10,000 made page 200
    cost twice page 1. The first page takes its rows directly: nothing to skip."""

    def _get_page(self, object_list, number, paginator):
        if number > 1:  # object_list is the page's slice of the ordered rows
            object_list = self.object_list.filter(pk__in=object_list.values("pk"))
        return super()._get_page(object_list, number, paginator)
