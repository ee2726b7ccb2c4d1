"""Services: an index of what the practice offers, and one page per service."""

from functools import cache, partial

from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.search import index

from practice.blocks import RICH_TEXT_FEATURES, FAQStreamBlock
from practice.intake import intake_url
from practice.models.base import BasePage
from practice.models.formats import FormatsMixin
from practice.query import VisiblePageQuerySet
from siteplatform.i18n import localized
from siteplatform.page_cache import cached_fragment


class ServicesIndexPage(BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="A few sentences above the list of services."
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["practice.ServicePage"]
    max_count = 1
    template = "practice/services_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = cached_fragment(
            f"practice:services:{self.pk}",
            lambda: localized(ServicePage.objects.child_of(self.listing_root).visible().order_by("path")),
            request=request,
        )
        return context


class ServicePage(FormatsMixin, BasePage):
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences shown in listings and search results, and as the meta description.",
    )
    who_for = RichTextField(
        features=RICH_TEXT_FEATURES,
        verbose_name="Who it is for",
        help_text="Describe the people this service helps, in their own words where you can.",
    )
    approaches = ParentalManyToManyField(
        "practice.Approach", blank=True, related_name="services", help_text="Therapeutic approaches used."
    )
    first_session = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name="What to expect in the first session",
        help_text="What happens, how long it takes, what the client needs to bring (if anything).",
    )
    fees_note = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text=(
            "Session fee notes for this service. The sliding scale and insurance are stated from "
            "the clinicians who offer the service (their own Payment settings)."
        ),
    )
    session_fee = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name="Fee per session (US dollars)",
        help_text="Shown first in the page's “At a glance” panel. Leave empty to show only the fee note.",
    )
    session_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="Session length (minutes)", help_text="For example: 55."
    )
    faqs = StreamField(FAQStreamBlock(), blank=True, verbose_name="FAQs", help_text="Common questions.")
    cta_heading = models.CharField(
        max_length=120, default="Ready to talk?", help_text="Heading of the call to action at the end."
    )
    cta_text = models.TextField(
        max_length=300,
        default="Request a free 15-minute consultation. We will reach out to find a time that works for you.",
        help_text="A sentence under that heading. The button opens the consultation request with this service chosen.",
    )

    summary_field = "summary"

    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("who_for"),
        FieldPanel("approaches"),
        FieldPanel("first_session"),
        FieldRowPanel([FieldPanel("offers_in_person"), FieldPanel("offers_telehealth")], heading="Formats"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("session_fee"),
                        FieldPanel("session_minutes"),
                    ]
                ),
                FieldPanel("fees_note"),
            ],
            heading="Fees",
        ),
        FieldPanel("faqs"),
        MultiFieldPanel([FieldPanel("cta_heading"), FieldPanel("cta_text")], heading="Call to action"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_for"),
        index.SearchField("first_session"),
        index.SearchField("faqs"),
    ]

    parent_page_types = ["practice.ServicesIndexPage"]
    subpage_types = []
    template = "practice/service_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Who offers the service changes only when content does: rendered once per generation.
        context["clinicians_html"] = cached_fragment(
            f"practice:service-clinicians:{self.pk}",
            lambda: render_to_string(
                "practice/components/service_clinicians.html",
                # Called only if the template shows it (a callable in a template context), and
                # once: the template reads it twice.
                {"page": self, "finder_url": cache(partial(self.get_finder_url, request))},
                request=request,
            ),
            request=request,
        )
        # Read from her clinicians, never typed on the service: the panel cannot contradict them.
        context["payment"] = cached_fragment(
            f"practice:service-payment:{self.pk}",
            lambda: self.listing_root.clinicians.visible().payment_facts(request),
            request=request,
        )
        return context

    def offered_by(self):
        """The visible clinicians who offer this service (they choose it on their page); for a
        translation, those of its page in the default language (clinicians choose those)."""
        return self.listing_root.clinicians.visible().with_card_terms()

    def get_finder_url(self, request=None):
        """The team page's finder filtered by this service, linked for `request` (under the
        visitor's prefix); None when there is no team page."""
        team = apps.get_model("practice", "TeamPage").objects.live().public().first()
        return f"{team.get_url(request)}?service={self.slug}" if team else None

    def get_intake_url(self):
        return intake_url(service=self.slug)

    @property
    def fee_label(self):
        """The fee as visitors read it, e.g. "$180 per 55-minute session"; "" when not set."""
        if self.session_fee is None:
            return ""
        fee = f"{self.session_fee:,}"
        if self.session_minutes:
            return gettext("$%(fee)s per %(minutes)s-minute session") % {
                "fee": fee,
                "minutes": self.session_minutes,
            }
        return gettext("$%(fee)s per session") % {"fee": fee}
