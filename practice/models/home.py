"""The home page: the practice's welcome."""

from functools import partial

from django.db import models
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from practice.blocks import RICH_TEXT_FEATURES
from practice.images import CLINICIAN_CARD_SPEC, DescribedImagesMixin, with_renditions
from practice.models.base import BasePage
from practice.models.routing import route_down
from practice.models.site_settings import PracticeSettings
from practice.models.team import ClinicianPage
from practice.query import VisiblePageQuerySet
from practice.structured_data import practice_business
from siteplatform import structure
from siteplatform.i18n import in_default_language, localized, route_with_fallback
from siteplatform.page_cache import cached_fragment


class HomePage(DescribedImagesMixin, BasePage):
    hero_heading = models.CharField(
        max_length=120, help_text="The first words visitors read. Keep it short and warm."
    )
    hero_text = models.TextField(max_length=400, help_text="One or two sentences under the heading.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A calm, welcoming image. Its description is used as alt text.",
    )
    hero_cta_label = models.CharField(
        max_length=60, default="Request a free consultation", help_text="Label of the main button."
    )
    audience_heading = models.CharField(max_length=120, default="Who we serve")
    audience_text = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="Who the practice serves and how it thinks about care."
    )
    services_heading = models.CharField(max_length=120, default="How we can help")
    clinicians_heading = models.CharField(max_length=120, default="Meet our clinicians")
    articles_heading = models.CharField(max_length=120, default="From our blog")
    cta_heading = models.CharField(max_length=120, default="Take the first step")
    cta_text = models.TextField(
        max_length=400,
        default="Reaching out is brave. Tell us a little about what you are looking for and we will get back to you.",
        help_text="The closing call to action.",
    )

    summary_field = "hero_text"
    described_image_fields = ["hero_image"]
    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
            ],
            heading="Hero",
        ),
        MultiFieldPanel(
            [FieldPanel("audience_heading"), FieldPanel("audience_text")], heading="Who we serve"
        ),
        MultiFieldPanel(
            [
                FieldPanel("services_heading"),
                InlinePanel("featured_services", label="Featured service", max_num=6),
            ],
            heading="Featured services",
        ),
        FieldPanel("clinicians_heading"),
        FieldPanel("articles_heading"),
        MultiFieldPanel([FieldPanel("cta_heading"), FieldPanel("cta_text")], heading="Call to action"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("audience_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: what goes under the home page is decided by each page type's
    # parent_page_types (services, team, standard pages; the blog index names the home page
    # itself), so the practice never names the apps built on it.
    max_count = 1
    template = "practice/home_page.html"

    def get_social_image(self):
        return self.hero_image

    @property
    def localized(self):
        """Wagtail's: this home page in the language being served (itself in English). Wagtail
        routes every request from it, so in another language it is the site's structure, read
        once per content generation with the image it shows."""
        if in_default_language():
            return super().localized

        def find():
            return structure.read_ahead(super(HomePage, self).localized)

        return structure.remembered_page(("localized", self.pk, translation.get_language()), find)

    def route(self, request, path_components):
        """Wagtail's routing from the site's root, the pages on the path read in one query
        (`practice.models.routing.route_down`), with the English fallback: a path the visitor's
        language has no page at is routed again in the English tree (see
        `siteplatform.i18n.route_with_fallback`)."""
        return route_with_fallback(self, request, path_components, partial(route_down, self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_services"] = localized(
            item.service
            for item in self.featured_services.select_related("service").order_by("sort_order")
            if item.service.live
        )
        context["clinicians"] = cached_fragment(
            "practice:home-clinicians",
            lambda: with_renditions(
                list(
                    ClinicianPage.objects.visible()
                    .with_cards()
                    .speakers_first(getattr(request, "LANGUAGE_CODE", None))[:6]
                ),
                "photo",
                CLINICIAN_CARD_SPEC,
            ),
            request=request,
        )
        practice = PracticeSettings.load(request_or_site=request)
        context["structured_data"] = practice_business(request, practice, self)
        return context


class HomePageFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_services")
    service = models.ForeignKey(
        "practice.ServicePage", on_delete=models.CASCADE, related_name="+", help_text="A service to feature."
    )

    panels = [PageChooserPanel("service")]
