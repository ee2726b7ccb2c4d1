"""The clinician finder's side of a request: the visitor's choices, read from the query string.

Nothing here stores, logs or caches what a visitor chose: the choices live in the address
only (so it can be shared, reloaded and gone back to) and are used for one response.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import CharField, Value
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from practice.models.services import ServicePage
from practice.models.taxonomy import CLIENT_GROUPS, Approach, InsuranceCarrier, Language, Specialty
from siteplatform.page_cache import cached_fragment

WHO_CHOICES = [(value, label) for value, (_field, label) in CLIENT_GROUPS.items()]
FORMAT_CHOICES = [("in-person", _("In person")), ("telehealth", _("Telehealth"))]
NO_INSURANCE_CHOICES = [("self-pay", _("Self-pay")), ("sliding-scale", _("Sliding scale"))]
# Why a clinician matches a choice with a fixed set of values, one whole phrase per value.
FIXED_REASONS = {
    "who": {
        "individual": _("Works with individuals"),
        "couple": _("Works with couples"),
        "family": _("Works with families"),
        "teen": _("Works with teens"),
    },
    "format": {"in-person": _("Sees clients in person"), "telehealth": _("Offers telehealth")},
    "payment": {"self-pay": _("Welcomes self-pay"), "sliding-scale": _("Offers a sliding scale")},
}
# The order of the dimensions in the address and in the list of reasons.
DIMENSIONS = ["language", "specialty", "who", "approach", "service", "format", "payment", "accepting"]


def all_terms():
    """{vocabulary: [(slug, name), ...]} of every term, in one query. Every term is offered, so a
    shared link keeps its meaning when nobody matches it any more."""
    vocabularies = {
        "language": Language,
        "specialty": Specialty,
        "approach": Approach,
        "payment": InsuranceCarrier,
    }
    querysets = [
        model.objects.order_by()
        .annotate(vocabulary=Value(key, output_field=CharField()))
        .values_list("vocabulary", "slug", "name")
        for key, model in vocabularies.items()
    ]
    found = {key: [] for key in vocabularies}
    for vocabulary, slug, name in sorted(
        querysets[0].union(*querysets[1:], all=True), key=lambda row: row[2]
    ):
        found[vocabulary].append((slug, name))
    return found


def lower_first(text):
    """'Couples therapy' -> 'couples therapy', leaving acronyms such as 'ADHD' alone."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def finder_options():
    """Each select's "any" label and choices, read from the database (one query per list)."""
    services = ServicePage.objects.visible().order_by("path")
    terms = all_terms()
    return {
        "language": (_("Any language"), terms["language"]),
        "specialty": (_("Anything"), terms["specialty"]),
        "who": (_("Anyone"), WHO_CHOICES),
        "approach": (_("Any approach"), terms["approach"]),
        "service": (_("Any service"), list(services.values_list("slug", "title"))),
        "format": (_("In person or telehealth"), FORMAT_CHOICES),
        "payment": (
            _("Any way of paying"),
            [(_("Insurance"), terms["payment"]), (_("Without insurance"), NO_INSURANCE_CHOICES)],
        ),
    }


class FinderForm(forms.Form):
    """The finder's fields; every one optional, one value per dimension."""

    language = forms.ChoiceField(required=False, label=_("Language"))
    specialty = forms.ChoiceField(required=False, label=_("What you would like help with"))
    who = forms.ChoiceField(required=False, label=_("Who the sessions are for"))
    approach = forms.ChoiceField(required=False, label=_("Approach"))
    service = forms.ChoiceField(required=False, label=_("Service"))
    format = forms.ChoiceField(required=False, label=_("Format"))
    payment = forms.ChoiceField(required=False, label=_("Payment"))
    accepting = forms.BooleanField(required=False, label=_("Only clinicians accepting new clients"))

    def __init__(self, *args, options, **kwargs):
        """`options`: from `finder_options()`, read once per request for both forms."""
        super().__init__(*args, **kwargs)
        for name, (anything, choices) in options.items():
            self.fields[name].choices = [("", anything), *choices]
        self.fields["accepting"].widget.attrs["value"] = "1"

    def about_you(self):
        """The fields of the first fieldset: the visitor and what she wants help with."""
        return [self[name] for name in ("language", "specialty", "who", "approach")]

    def practicalities(self):
        """The fields of the second fieldset, but the "accepting" checkbox."""
        return [self[name] for name in ("service", "format", "payment")]


class Finder:
    """A visitor's finder choices from `data` (request.GET). Unknown values are dropped.

    criteria: keyword arguments for `ClinicianPageQuerySet.matching`.
    form: an unbound form showing the recognised choices (no error state for a stale link).
    reasons: why every result matches, one phrase per active choice ("Speaks Korean").
    relax_links: for each active choice, in address order: its `label` as the form names it
    ("Korean"), its `reason` and the `query` string without it (for the chips and the empty state).
    """

    @staticmethod
    def is_filtered(data):
        """Whether the query string carries any of the finder's choices."""
        return any(data.get(name) for name in DIMENSIONS)

    def __init__(self, data):
        # The choices on offer change only when content does: read once per content generation.
        options = cached_fragment("practice:finder-options", finder_options)
        bound = FinderForm(data, options=options)
        bound.is_valid()  # fields with unknown values are left out of cleaned_data
        self.criteria = {name: value for name, value in bound.cleaned_data.items() if value}
        self.form = FinderForm(initial=self.criteria, options=options)
        labels = {name: dict(self.flat_choices(name)) for name in DIMENSIONS[:-1]}
        self.reasons = [self.reason(name, labels) for name in DIMENSIONS if name in self.criteria]
        self.relax_links = [
            {"label": self.label(name, labels), "reason": reason, "query": self.query_without(name)}
            for name, reason in zip(
                [name for name in DIMENSIONS if name in self.criteria], self.reasons, strict=True
            )
        ]

    @property
    def active(self):
        return bool(self.criteria)

    def flat_choices(self, name):
        for value, label in self.form.fields[name].choices:
            if isinstance(label, (list, tuple)):
                yield from label
            else:
                yield value, label

    def label(self, name, labels):
        """The chosen value as the form offers it ("Korean", "Telehealth")."""
        if name == "accepting":
            return gettext("Accepting new clients")
        return str(labels[name][self.criteria[name]])

    def reason(self, name, labels):
        value = self.criteria[name]
        label = labels.get(name, {}).get(value, "")
        if name in FIXED_REASONS and value in FIXED_REASONS[name]:
            return str(FIXED_REASONS[name][value])
        if name == "language":
            return gettext("Speaks %(language)s") % {"language": label}
        if name == "specialty":
            return gettext("Helps with %(specialty)s") % {"specialty": lower_first(label)}
        if name == "approach":
            return gettext("Uses %(approach)s") % {"approach": label}
        if name == "service":
            return gettext("Offers %(service)s") % {"service": label}
        if name == "payment":
            return gettext("In network with %(carrier)s") % {"carrier": label}
        return gettext("Accepting new clients")

    def query_without(self, dropped):
        """'?a=1&b=2' for the active choices but `dropped`; '' when none would remain."""
        pairs = [
            (name, "1" if name == "accepting" else self.criteria[name])
            for name in DIMENSIONS
            if name in self.criteria and name != dropped
        ]
        return f"?{urlencode(pairs)}" if pairs else ""
