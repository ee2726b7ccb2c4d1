"""The clinicians of the practice and the team page that lists them."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import PageManager
from wagtail.search import index

from practice.blocks import RICH_TEXT_FEATURES
from practice.images import DescribedImagesMixin
from practice.models.base import BasePage
from practice.models.formats import FormatsMixin
from practice.models.site_settings import PracticeSettings
from practice.query import VisiblePageQuerySet
from practice.structured_data import clinician_person


class ClinicianPageQuerySet(VisiblePageQuerySet):
    def with_cards(self):
        """What a clinician card shows, in a fixed number of queries."""
        return self.select_related("photo").prefetch_related("photo__renditions").order_by("path")

    def accepting_new_clients(self):
        return self.visible().filter(accepting_new_clients=True).order_by("path")


class TeamPage(BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Introduce the team.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["practice.ClinicianPage"]
    max_count = 1
    template = "practice/team_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clinicians"] = ClinicianPage.objects.child_of(self).visible().with_cards()
        return context


class ClinicianPage(DescribedImagesMixin, FormatsMixin, BasePage):
    """One clinician. The page title is the clinician's name as clients should see it."""

    pronouns = models.CharField(max_length=40, blank=True, help_text="For example: she/her.")
    credentials = models.CharField(
        max_length=80, help_text="Letters after the name, for example: LCSW or PsyD, LPC."
    )
    role = models.CharField(
        max_length=80, blank=True, help_text="For example: Founder and clinical director."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly portrait. Its description is read aloud as alt text, so describe the photo.",
    )
    license_state = models.CharField(max_length=2, default="NJ", help_text="Two-letter state of licensure.")
    license_number = models.CharField(max_length=40, help_text="As it appears on the state licence lookup.")
    specialties = models.TextField(
        help_text="What this clinician helps with, one per line (for example: Relationship issues)."
    )
    approaches = ParentalManyToManyField(
        "practice.Approach",
        blank=True,
        related_name="clinicians",
        help_text="Approaches this clinician uses.",
    )
    languages = models.CharField(
        max_length=120, default="English", help_text="Languages sessions can be held in, comma-separated."
    )
    accepting_new_clients = models.BooleanField(
        default=True, help_text="Untick when this clinician's caseload is full; the intake form follows it."
    )
    bio = RichTextField(features=RICH_TEXT_FEATURES, help_text="A warm introduction in the first person.")

    summary_field = "bio"
    described_image_fields = ["photo"]  # the portrait, on the page and on every clinician card

    objects = PageManager.from_queryset(ClinicianPageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("pronouns"), FieldPanel("credentials"), FieldPanel("role")]),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("license_state"), FieldPanel("license_number")], heading="Licence"),
        FieldPanel("accepting_new_clients"),
        FieldPanel("specialties"),
        FieldPanel("approaches"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("offers_in_person"), FieldPanel("offers_telehealth")], heading="Formats"),
        FieldPanel("bio"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("specialties"),
        index.SearchField("bio"),
        index.FilterField("accepting_new_clients"),
    ]

    parent_page_types = ["practice.TeamPage"]
    subpage_types = []
    template = "practice/clinician_page.html"

    @property
    def specialty_list(self):
        return [line.strip() for line in self.specialties.splitlines() if line.strip()]

    @property
    def language_list(self):
        return [item.strip() for item in self.languages.split(",") if item.strip()]

    @property
    def display_name(self):
        return f"{self.title}, {self.credentials}" if self.credentials else self.title

    def get_social_image(self):
        return self.photo

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practice = PracticeSettings.load(request_or_site=request)
        context["structured_data"] = clinician_person(request, self, practice)
        return context
