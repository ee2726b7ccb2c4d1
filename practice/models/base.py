"""The abstract page every public page type extends: shared SEO behaviour."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, Page, PageManager, PageViewRestriction

from practice.query import VisiblePageQuerySet
from siteplatform.i18n import in_default_language, in_language, link_language
from siteplatform.structure import language_code_of, restricted_paths


class BasePage(Page):
    """Adds meta description fallback and a social image hook to Wagtail's Page.

    Editors set the meta description in the Promote tab ("Search description"); when
    they leave it empty the page's own summary or introduction is used instead.
    """

    summary_field = "intro"

    # Wagtail's Promote tab without "Show in menus": the site's menus are edited in the
    # navigation settings (practice.navigation), so that box would change nothing.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="For search engines",
        )
    ]

    # `visible()` on every page type, and Wagtail's `public()` without a query of its own.
    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's, except that an English page linked for a request in another site language
        is linked under that language's prefix: /ko/team/ serves it in English with a note in
        Korean until it is translated, so a visitor reading Korean stays in Korean. The language
        is the request's only (`siteplatform.i18n.link_language`, the one rule): with no request (a
        task, a purge, an email) or from the admin, a page is linked at its own address."""
        parts = super().get_url_parts(request)
        language = link_language(request)
        if parts is None or parts[2] is None or language is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_language(page_path, language)

    def get_view_restrictions(self):
        """Wagtail's, with no query while the site has no private section at all (the
        restricted paths are read once per content generation): Wagtail asks twice per page."""
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def listing_root(self):
        """The page whose children a listing shows: the page itself, or for a translation, its
        page in the default language (translations list the English pages, each linked under
        the visitor's prefix, not only those already translated). No query in English."""
        if in_default_language() or language_code_of(self.locale_id) == settings.LANGUAGE_CODE:
            return self

        return self.get_translation_or_none(Locale.get_default()) or self

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        text = strip_tags(str(getattr(self, self.summary_field, "") or ""))
        return Truncator(" ".join(text.split())).chars(160) or self.title

    def get_social_image(self):
        """The image used for Open Graph cards; page types with an image override this."""
        return None
