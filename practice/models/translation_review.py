"""Who translated a page into another language, and which clinician who speaks it reviewed it.

A translation of a therapy practice's page is only trusted once someone who knows both the
language and the work has read it: until then the record says it awaits that review, and
the public credit (templates/components/translation_credit.html) shows nothing.

The record starts itself: the first revision someone saves of a page in another language (as
wagtail-localize's "Translate this page" and translation editor do) creates it in their name,
awaiting review (`record_translator`). Staff then fill in the reviewer and the date.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Page


def language_name(language_code):
    """The English name of a language, e.g. "Korean" for "ko" (the admin is in English)."""
    try:
        return translation.get_language_info(language_code)["name"]
    except KeyError:
        return language_code


class TranslationReview(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="translation_review",
        help_text="The translated page (in Korean, Hindi or another language of the site).",
    )
    translated_by = models.CharField(
        max_length=200, help_text="Who translated it, e.g. a translator's name or “Demo translation”."
    )
    reviewed_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The clinician who speaks the language and checked the translation. Empty until reviewed.",
    )
    reviewed_at = models.DateField(null=True, blank=True, verbose_name="Reviewed on")
    notes = models.TextField(blank=True, help_text="For staff only; never shown on the site.")

    panels = [
        PageChooserPanel("page"),
        FieldPanel("translated_by"),
        FieldRowPanel([FieldPanel("reviewed_by"), FieldPanel("reviewed_at")], heading="Review"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = "translation review"
        # Those awaiting review first, then the most recently reviewed.
        ordering = [models.F("reviewed_at").desc(nulls_first=True), "page__title"]

    def __str__(self):
        return f"{self.page.title} ({self.language})"

    @property
    def language(self):
        return language_name(self.page.locale.language_code)

    @property
    def is_reviewed(self):
        return bool(self.reviewed_by and self.reviewed_at)

    @property
    def status(self):
        if self.is_reviewed:
            return f"Reviewed by {self.reviewed_by} on {self.reviewed_at:%B} {self.reviewed_at.day}, {self.reviewed_at.year}"
        return f"Awaiting review by a clinician who speaks {self.language}"

    def clean(self):
        if bool(self.reviewed_by) != bool(self.reviewed_at):
            field = "reviewed_at" if self.reviewed_by else "reviewed_by"
            raise ValidationError({field: "Give both who reviewed the translation and the date, or neither."})
        if self.page_id and self.page.locale.language_code == settings.LANGUAGE_CODE:
            raise ValidationError(
                {"page": "Choose a translated page: this one is in the site's default language."}
            )


def record_translator(sender, instance, created, **kwargs):
    """A `Revision` post_save handler: the first revision a person saves of a page in another
    language than the default (not an alias) records them as its translator, awaiting review.
    Revisions saved by scripts (no user) are left to the script (practice.demo.translations)."""
    if not created or instance.user_id is None:
        return
    if instance.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return
    page = (
        Page.objects.filter(pk=instance.object_id, alias_of__isnull=True)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if page is not None:
        user = instance.user
        TranslationReview.objects.get_or_create(
            page=page, defaults={"translated_by": user.get_full_name() or user.get_username()}
        )
