"""What visitors may see: Wagtail's own `live()` and `public()`, named once for every page type."""

from django.conf import settings
from wagtail.query import PageQuerySet

from siteplatform.structure import private_sections


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """Live pages outside any private section, in the site's default language: what visitors,
        listings and feeds may show. A page's translation is reached from its own address
        (/ko/…), never listed beside the English page; in Korean, lists show the English pages,
        linked under /ko/ (see BasePage.get_url_parts)."""
        return self.live().public().in_default_language()

    def private_q(self):
        """Wagtail's (the sections with a view restriction, which `public()` leaves out), from
        the restricted paths read once per content generation rather than a query per listing."""
        return private_sections()

    def in_default_language(self):
        """Pages of the default locale (a join, not a query of its own)."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)
