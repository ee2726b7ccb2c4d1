"""The structured vocabulary of the clinician finder: terms editors manage once and choose on
clinicians (and services), so visitors can filter by them and search finds them.

Each term has a `slug` that names it in the finder's address (`/team/?language=korean`); it is
made from the name when left empty and, once published in links, should not change.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

# Who a clinician sees: finder value -> (field on ClinicianPage, label).
CLIENT_GROUPS = {
    "individual": ("sees_individuals", _("Individuals")),
    "couple": ("sees_couples", _("Couples")),
    "family": ("sees_families", _("Families")),
    "teen": ("sees_teens", _("Teens")),
}
FORMATS = {"in-person": "offers_in_person", "telehealth": "offers_telehealth"}
PAYMENT_OPTIONS = {"self-pay": "offers_self_pay", "sliding-scale": "offers_sliding_scale"}


class TaxonomyTerm(index.Indexed, models.Model):
    """A named term with a stable slug for addresses; ordered by name."""

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="As visitors would say it, for example: Korean, Anxiety or Aetna.",
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the finder's address. Leave empty to make it from the name; avoid changing it later.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


@register_snippet
class Language(TaxonomyTerm):
    """A language sessions can be held in."""

    class Meta(TaxonomyTerm.Meta):
        pass


@register_snippet
class Specialty(TaxonomyTerm):
    """Something a visitor may want help with, such as anxiety or family conflict."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = "specialties"


@register_snippet
class Approach(TaxonomyTerm):
    """A therapeutic approach, such as CBT or ACT, named on services and clinicians."""

    description = models.TextField(
        blank=True, max_length=400, help_text="One or two plain sentences a visitor can understand."
    )

    panels = TaxonomyTerm.panels + [FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        pass


@register_snippet
class InsuranceCarrier(TaxonomyTerm):
    """An insurance carrier whose plans a clinician is in network with."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "insurance carrier"
