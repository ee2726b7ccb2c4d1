"""What visitors may see: Wagtail's own `live()` and `public()`, named once for every page type."""

from django.conf import settings
from wagtail.query import PageQuerySet


class VisiblePageQuerySet(PageQuerySet):
    def select_for_update(self, *args, **kwargs):
        """A page locked for an edit comes without the joins a default manager may add:
        PostgreSQL cannot lock the nullable side of an outer join (an optional image, say)."""
        return PageQuerySet.select_for_update(self.select_related(None), *args, **kwargs)

    def only(self, *fields):
        """A narrow fetch (Wagtail's editor lists a page's translations with `.only("id",
        "locale")`) comes without the joins a default manager may add: Django refuses to join a
        field the same query leaves out. Joins asked for after `.only()` are kept."""
        return PageQuerySet.only(self.select_related(None), *fields)

    def visible(self):
        """Live pages outside any private section, in the site's default language: what visitors,
        listings and feeds may show. A page's translation is reached from its own address
        (/ko/…), never listed beside the English page; in Korean, lists show the English pages,
        linked under /ko/ (see BasePage.get_url_parts)."""
        return self.live().public().in_default_language()

    def in_default_language(self):
        """Pages of the default locale (a join, not a query of its own)."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)
