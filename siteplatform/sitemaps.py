"""The sitemap: every live, public page of the site in every language it exists in."""

from django.db.models import F, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap, which lists the site's own tree, plus the trees of the home page's
    translations (/ko/…, /hi/…): one entry per page and language it is written in (not the
    untranslated aliases wagtail-localize makes of a translated page's parents)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        untranslated = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))
        return pages.live().public().exclude(untranslated).order_by("path").defer_streamfields().specific()
