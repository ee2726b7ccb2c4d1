"""Template helpers for translated interface copy (issue 12).

The reply promise is the practice's (`PracticeSettings.response_time_display`): the same promise
in every language. Lists of terms
("in person or telehealth", "A, B and C") are joined with translatable words, never with English
glued into the template.
"""

from functools import reduce

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def reply_time(practice):
    """How soon the practice replies, as a phrase that fits "We reply …", in the active language."""
    if practice is None:
        return ""
    return practice.response_time_display


def _combine(pattern, first, second):
    """`pattern` ("%(first)s and %(second)s") filled in, for HTML: the words of the pattern and
    both parts escaped unless already safe."""
    filled = conditional_escape(pattern) % {
        "first": conditional_escape(first),
        "second": conditional_escape(second),
    }
    return mark_safe(filled)  # noqa: S308 - every part was escaped just above


def _join(items, pattern, autoescape):
    items = list(items)
    if not items:
        return ""
    if autoescape:
        items[0] = conditional_escape(items[0])
        return reduce(lambda first, second: _combine(pattern, first, second), items)
    return reduce(lambda first, second: pattern % {"first": first, "second": second}, items)


@register.filter(needs_autoescape=True)
def or_list(items, autoescape=True):
    """["In person", "Telehealth"] → "In person or Telehealth", with a translated "or"."""
    return _join(items, pgettext("joining two items of a list", "%(first)s or %(second)s"), autoescape)


@register.filter(needs_autoescape=True)
def and_list(items, autoescape=True):
    """["In person", "Telehealth"] → "In person and Telehealth", with a translated "and"."""
    return _join(items, pgettext("joining two items of a list", "%(first)s and %(second)s"), autoescape)


@register.simple_tag
def linked_list(pairs):
    """(title, url) pairs as links: "A, B and C" (commas, then a translated "and" before the last)."""
    links = [format_html('<a href="{}">{}</a>', url, title) for title, url in pairs]
    if len(links) < 2:
        return links[0] if links else ""
    separator = pgettext("separator between items of a list", ", ")
    head = reduce(
        lambda first, second: _combine("%(first)s" + separator + "%(second)s", first, second), links[:-1]
    )
    return _combine(pgettext("joining two items of a list", "%(first)s and %(second)s"), head, links[-1])


@register.simple_tag(takes_context=True)
def linked_name(context, person):
    """A person's display name, linked to their page when it is live."""
    if person is None:
        return ""
    if person.live:
        from wagtail.templatetags.wagtailcore_tags import pageurl

        return format_html('<a href="{}">{}</a>', pageurl(context, person), person.display_name)
    return conditional_escape(person.display_name)
