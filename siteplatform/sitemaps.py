"""The sitemap: every live, public page of the site in every language it exists in, as a sitemap
index at /sitemap.xml and sections of at most SECTION_SIZE addresses at /sitemap-<n>.xml.

Sections are addresses of their own rather than Django's `?p=N` pages, so the page cache keeps
each one like any page (it bypasses parameters it does not know: siteplatform/page_cache.py),
and the index costs one query however many pages and sections there are.
"""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page

from siteplatform.site_url import absolute_url

# Search engines take up to 50,000 addresses per file. A section is built whole when the page
# cache has none (after each publish): about 0.1 ms an address at 10,000 articles, so a section of
# 5,000 held a worker for 700 ms. 1,000 is also what Yoast SEO writes per sitemap.
SECTION_SIZE = 1000


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap, which lists the site's own tree, plus the trees of the home page's
    translations (/ko/…, /hi/…): one entry per page and language it is written in (not the
    untranslated aliases wagtail-localize makes of a translated page's parents)."""

    def pages(self):
        """The listed pages as plain Page rows, in tree order (which sections are cut from)."""
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        untranslated = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))
        return pages.live().public().exclude(untranslated).order_by("path")

    def items(self):
        return self.pages().specific(defer=True)


class SitemapSection(LocalizedSitemap):
    """Section `number` (from 1): the `number`th run of `section_size` listed pages."""

    def __init__(self, request=None, number=1):
        super().__init__(request)
        self.number = number
        self.limit = SECTION_SIZE

    def items(self):
        start = (self.number - 1) * self.limit
        return super().items()[start : start + self.limit]


@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: one entry per section, with the latest change of the pages it lists (one
    query: the listed pages' change times, in tree order, cut into sections here)."""
    size = SECTION_SIZE
    changed = list(
        LocalizedSitemap(request)
        .pages()
        .values_list(Coalesce("last_published_at", "latest_revision_created_at"), flat=True)
    )
    runs = [changed[start : start + size] for start in range(0, len(changed), size)] or [[]]
    sections = [
        SitemapIndexItem(
            absolute_url(reverse("sitemap_section", kwargs={"section": number}), request),
            max(filter(None, run), default=None),
        )
        for number, run in enumerate(runs, start=1)
    ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sections}, content_type="application/xml"
    )


def sitemap_section(request, section):
    """/sitemap-<n>.xml: Wagtail's sitemap view over section n; 404 past the last section."""
    sitemap = SitemapSection(request, section)
    if section < 1 or (section > 1 and not sitemap.items().exists()):
        raise Http404
    return wagtail_sitemap_views.sitemap(
        request, {str(section): sitemap}, section=str(section), template_name="sitemap_section.xml"
    )
