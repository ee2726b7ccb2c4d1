"""What visitors may see, decided inside the query that fetches the pages.

Wagtail's `public()` and its per-request view-restriction check each load the
restrictions with extra queries; these do the same work in the page query itself, so
every page type costs one or two queries less.
"""

from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_q():
    """True for pages in a private section (their own path or an ancestor's is restricted)."""
    restrictions = PageViewRestriction.objects.annotate(
        candidate=ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    ).filter(candidate__startswith=F("page__path"))
    return Exists(restrictions)


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """Live pages outside any private section: what visitors, listings and feeds may show."""
        return self.live().exclude(restricted_q())


class ViewRestrictionsMixin:
    """The view restrictions that apply to a page in one query instead of two: the ancestors'
    paths are prefixes of the page's own, and an alias follows its source page. None at all
    when the query that fetched the page already found it outside any private section."""

    def get_view_restrictions(self):
        if getattr(self, "in_private_section", None) is False and not self.alias_of_id:
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=sources))
