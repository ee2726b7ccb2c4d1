"""The practice's own words in another language: tagline, address, hours and reply promise.

Staff write them on Settings → Practice details, under "In other languages", one row per
language; a field left empty there shows the English one. Visitors read them through
`PracticeSettings.wording`, which marks English words shown on a page in another language
`lang="en"` for screen readers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from siteplatform.structure import remembered

FIELDS = ("tagline", "address", "hours", "response_time_text")


def other_languages():
    return ~Q(language_code=settings.LANGUAGE_CODE)


class PracticeWording(Orderable):
    settings = ParentalKey("practice.PracticeSettings", on_delete=models.CASCADE, related_name="wordings")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=other_languages,
        verbose_name="Language",
    )
    tagline = models.CharField(max_length=160, blank=True, help_text="Empty: the English tagline.")
    address = models.TextField(
        blank=True, help_text="Empty: the English address (usually right: mail and maps use it)."
    )
    hours = models.TextField(blank=True, help_text="Empty: the English hours.")
    response_time_text = models.CharField(
        max_length=120,
        blank=True,
        verbose_name="Reply promise",
        help_text="Fits “We will reply …” in this language. Empty: the translation of the shipped "
        "promise, or “within N hours” once you have written your own in English.",
    )

    panels = [FieldPanel("locale"), *(FieldPanel(name) for name in FIELDS)]

    class Meta(Orderable.Meta):
        verbose_name = "Wording in another language"
        constraints = [
            models.UniqueConstraint(fields=["settings", "locale"], name="practice_wording_one_per_language")
        ]

    def __str__(self):
        return self.locale.get_display_name()


class Words(str):
    """Text shown to visitors, knowing the language it is written in: `lang_attr` is ` lang="en"`
    for English words on a page in another language, nothing otherwise."""

    def __new__(cls, text, language):
        words = super().__new__(cls, text)
        words.language = language
        return words

    @property
    def lang_attr(self):
        if self.language == (get_language() or settings.LANGUAGE_CODE):
            return ""
        return format_html(' lang="{}"', self.language)


def wording_in(practice, language):
    """{field: Words} of `practice` in `language`: its row's words where written, else English.
    No query in English; in another language one per content generation in each process: the
    settings' own words, read as the settings are (siteplatform.structure)."""

    def build():
        row = practice.wordings.filter(locale__language_code=language).first() if practice.pk else None
        return {name: getattr(row, name, "") for name in FIELDS}

    own = {} if language == settings.LANGUAGE_CODE else remembered(("practice-wording", language), build)
    return {
        name: Words(own[name], language)
        if own.get(name)
        else Words(getattr(practice, name), settings.LANGUAGE_CODE)
        for name in FIELDS
    }
