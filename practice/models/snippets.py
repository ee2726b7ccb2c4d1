"""Small reusable pieces of content editors manage once and choose on many pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Approach(index.Indexed, models.Model):
    """A therapeutic approach, such as CBT or ACT, named on services and clinicians."""

    name = models.CharField(
        max_length=80, unique=True, help_text="For example: Cognitive Behavioral Therapy (CBT)."
    )
    description = models.TextField(
        blank=True, max_length=400, help_text="One or two plain sentences a visitor can understand."
    )

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
