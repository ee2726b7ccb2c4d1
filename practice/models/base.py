"""The abstract page every public page type extends: shared SEO behaviour."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


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

    class Meta:
        abstract = True

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        text = strip_tags(str(getattr(self, self.summary_field, "") or ""))
        return Truncator(" ".join(text.split())).chars(160) or self.title

    def get_social_image(self):
        """The image used for Open Graph cards; page types with an image override this."""
        return None
