"""The location page: how to reach the office in person, with no embedded third-party map.

Address and hours come from the practice settings, so they are written once. A practice that is
telehealth only (PracticeSettings.telehealth_only) does not need this page; the demo creates it
only for a practice with an office.
"""

from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from practice.blocks import RICH_TEXT_FEATURES
from practice.models.base import BasePage

SECTION_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class LocationPage(BasePage):
    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two sentences under the title; also the default meta description.",
    )
    directions = RichTextField(
        features=SECTION_FEATURES,
        blank=True,
        help_text="How to find the building and the office once inside (floor, suite, buzzer).",
    )
    transit = RichTextField(
        features=SECTION_FEATURES,
        blank=True,
        verbose_name="Public transit",
        help_text="Nearby trains, buses or ferries, and the walk from the stop.",
    )
    parking = RichTextField(
        features=SECTION_FEATURES,
        blank=True,
        help_text="Where to park, what it costs, and any accessible spaces.",
    )
    step_free_access = RichTextField(
        features=SECTION_FEATURES,
        blank=True,
        verbose_name="Wheelchair access",
        help_text="Entrances, elevators, doors and restrooms for people who use wheelchairs or cannot manage stairs.",
    )
    more = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name="More about visiting",
        help_text="Anything else: the waiting room, arriving early, what to do if you are running late.",
    )
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Optional: a map or a photo of the entrance that you upload (no embedded maps: they load "
            "another company's scripts). Its description is read to people who cannot see it."
        ),
    )
    map_url = models.URLField(
        blank=True,
        verbose_name="Map link",
        help_text="Optional: the address of this place on a map service, opened when visitors follow the link.",
    )
    map_link_label = models.CharField(
        max_length=60,
        default="Open in a map",
        verbose_name="Map link text",
        help_text="The words of the map link.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("directions"),
        FieldPanel("transit"),
        FieldPanel("parking"),
        FieldPanel("step_free_access"),
        MultiFieldPanel(
            [FieldPanel("map_image"), FieldPanel("map_url"), FieldPanel("map_link_label")],
            heading="Map",
            help_text="The address and hours come from Settings → Practice details.",
        ),
        FieldPanel("more"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("directions"),
        index.SearchField("transit"),
        index.SearchField("parking"),
        index.SearchField("step_free_access"),
    ]

    parent_page_types = ["practice.HomePage"]
    subpage_types = []
    max_count = 1
    template = "practice/location_page.html"

    class Meta:
        verbose_name = "location page"

    def get_social_image(self):
        return self.map_image

    @property
    def sections(self):
        """(heading, anchor, rich text) of each filled-in section, in the order visitors need them."""
        return [
            (heading, anchor, text)
            for heading, anchor, text in (
                (gettext("Directions"), "directions", self.directions),
                (gettext("Public transit"), "transit", self.transit),
                (gettext("Parking"), "parking", self.parking),
                (gettext("Wheelchair access"), "wheelchair-access", self.step_free_access),
                (gettext("More about visiting"), "more", self.more),
            )
            if text
        ]
