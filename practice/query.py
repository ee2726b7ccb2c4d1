"""What visitors may see: Wagtail's own `live()` and `public()`, named once for every page type."""

from wagtail.query import PageQuerySet


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """Live pages outside any private section: what visitors, listings and feeds may show."""
        return self.live().public()
