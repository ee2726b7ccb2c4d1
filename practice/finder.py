"""The clinician finder's side of a request: the visitor's choices, read from the query string.

Nothing here stores, logs or caches what a visitor chose: the choices live in the address
only (so it can be shared, reloaded and gone back to) and are used for one response.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import CharField, Value

from practice.models.services import ServicePage
from practice.models.taxonomy import CLIENT_GROUPS, Approach, InsuranceCarrier, Language, Specialty
from practice.page_cache import cached_fragment

WHO_CHOICES = [
    ("individual", "Individuals"),
    ("couple", "Couples"),
    ("family", "Families"),
    ("teen", "Teens"),
]
FORMAT_CHOICES = [("in-person", "In person"), ("telehealth", "Telehealth")]
NO_INSURANCE_CHOICES = [("self-pay", "Self-pay"), ("sliding-scale", "Sliding scale")]
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
        "language": ("Any language", terms["language"]),
        "specialty": ("Anything", terms["specialty"]),
        "who": ("Anyone", WHO_CHOICES),
        "approach": ("Any approach", terms["approach"]),
        "service": ("Any service", list(services.values_list("slug", "title"))),
        "format": ("In person or telehealth", FORMAT_CHOICES),
        "payment": (
            "Any way of paying",
            [("Insurance", terms["payment"]), ("Without insurance", NO_INSURANCE_CHOICES)],
        ),
    }


class FinderForm(forms.Form):
    """The finder's fields; every one optional, one value per dimension."""

    language = forms.ChoiceField(required=False, label="Language")
    specialty = forms.ChoiceField(required=False, label="What you would like help with")
    who = forms.ChoiceField(required=False, label="Who the sessions are for")
    approach = forms.ChoiceField(required=False, label="Approach")
    service = forms.ChoiceField(required=False, label="Service")
    format = forms.ChoiceField(required=False, label="Format")
    payment = forms.ChoiceField(required=False, label="Payment")
    accepting = forms.BooleanField(required=False, label="Only clinicians accepting new clients")

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
    relax_links: for each active choice, its reason and the query string without it.
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
            {"reason": reason, "query": self.query_without(name)}
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

    def reason(self, name, labels):
        value = self.criteria[name]
        label = labels.get(name, {}).get(value, "")
        if name == "language":
            return f"Speaks {label}"
        if name == "specialty":
            return f"Helps with {lower_first(label)}"
        if name == "who":
            return f"Works with {CLIENT_GROUPS[value][1].lower()}"
        if name == "approach":
            return f"Uses {label}"
        if name == "service":
            return f"Offers {label}"
        if name == "format":
            return "Sees clients in person" if value == "in-person" else "Offers telehealth"
        if name == "payment":
            return {"self-pay": "Welcomes self-pay", "sliding-scale": "Offers a sliding scale"}.get(
                value, f"In network with {label}"
            )
        return "Accepting new clients"

    def query_without(self, dropped):
        """'?a=1&b=2' for the active choices but `dropped`; '' when none would remain."""
        pairs = [
            (name, "1" if name == "accepting" else self.criteria[name])
            for name in DIMENSIONS
            if name in self.criteria and name != dropped
        ]
        return f"?{urlencode(pairs)}" if pairs else ""
