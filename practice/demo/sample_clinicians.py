"""Generated sample clinicians for load tests: `load_demo_content --clinicians 50` tops the team up
to 50 with copies of the demo clinicians' terms under generated names. Each is published as an
editor would (through `ensure_child`): fifty pages take seconds, so no shortcut is needed."""

from practice.demo import content
from practice.demo.pages import ensure_child
from practice.models import Approach, ClinicianPage, InsuranceCarrier, Language, ServicePage, Specialty

SLUG_PREFIX = "sample-clinician-"
TERMS = {
    "languages": Language,
    "specialties": Specialty,
    "insurance_carriers": InsuranceCarrier,
    "approaches": Approach,
}


def add_arguments(parser):
    parser.add_argument(
        "--clinicians",
        type=int,
        default=0,
        help="Top the team up to this many clinicians with generated ones (for load tests).",
    )


def ensure_clinicians(team, count):
    """Top the clinicians under `team` up to `count`; returns how many were made. Each copies
    the terms, services and photo of one demo clinician in turn."""
    made = 0
    number = 0
    while ClinicianPage.objects.child_of(team).count() < count:
        number += 1
        slug = f"{SLUG_PREFIX}{number:02d}"
        if team.get_children().filter(slug=slug).exists():
            continue
        model = content.CLINICIANS[number % len(content.CLINICIANS)]
        template = ClinicianPage.objects.child_of(team).filter(slug=model["slug"]).first()
        fields = {
            key: model[key]
            for key in model
            if key not in {"slug", "title", "palette", "license_number", "bio", "role", *TERMS, "services"}
        }
        fields |= {name: list(term.objects.filter(name__in=model[name])) for name, term in TERMS.items()}
        ensure_child(
            team,
            ClinicianPage,
            slug,
            title=f"Sample clinician {number}",
            role="Licensed clinician (generated sample)",
            license_number=f"SAMPLE{number:06d}",
            bio=f"<p>Sample clinician {number}, generated to show the team with many clinicians.</p>",
            photo=template.photo if template else None,
            services=list(ServicePage.objects.filter(slug__in=model["services"])),
            **fields,
        )
        made += 1
    return made
