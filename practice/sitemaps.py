"""The sitemap: every live, public page of the site in every language it exists in."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap, which lists the site's own tree, plus the trees of the home page's
    translations (/ko/…, /hi/…): one entry per page and language."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
