"""Search results: what kind of page each result is, and a short snippet cut between words."""

from django import template
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

register = template.Library()

# model name (lower case) -> the label a visitor sees; anything else is a "Page".
RESULT_TYPES = {
    "articlepage": _("Article"),
    "servicepage": _("Service"),
    "servicesindexpage": _("Service"),
    "clinicianpage": _("Clinician"),
    "teampage": _("Clinician"),
}


@register.filter
def word_snippet(text, length=200):
    """Plain text of `text` (HTML tags removed) of at most `length` characters, cut at the last
    whole word with an ellipsis when it had to be shortened."""
    text = " ".join(strip_tags(str(text or "")).split())
    length = int(length)
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0] if " " in text[: length + 1] else text[:length]
    return cut.rstrip(" ,;:.-–—") + "…"


@register.filter
def result_type(page):
    """ "Article", "Service", "Clinician" or "Page", from the page's content type."""
    return RESULT_TYPES.get(page.specific_class.__name__.lower(), _("Page"))


@register.filter
def result_snippet(page, length=200):
    """A result's summary: its search description, else its own summary field, cut between words."""
    text = page.search_description or getattr(page, getattr(page, "summary_field", "intro"), "") or ""
    return word_snippet(text, length)
