"""What a group of clinicians offers in payment (sliding scale, insurance panels), read from the
clinicians themselves: the one source of truth a service's "At a glance" panel and the fees page
state, so no page says "Not offered" while a clinician offers it."""

from dataclasses import dataclass, field


@dataclass
class PaymentFacts:
    """Plain data (names and addresses), kept as a fragment until content changes.

    `sliding_scale`: [(clinician name, url)] of those who offer one.
    `insurance`: [(carrier name, [(clinician name, url)])], the clinicians named only when not
    every clinician of the group takes that carrier.
    `clinicians`: how many clinicians the facts are about (0: nothing can be said).
    """

    clinicians: int = 0
    sliding_scale: list = field(default_factory=list)
    insurance: list = field(default_factory=list)


def payment_facts(clinicians, request=None):
    """PaymentFacts of `clinicians` (pages with their `insurance_carriers` prefetched), linked
    for `request` (under the visitor's language prefix). No query of its own."""
    people = [(person, (person.title, person.get_url(request))) for person in clinicians]
    carriers = {}
    for person, link in people:
        for carrier in person.insurance_carriers.all():
            carriers.setdefault(carrier.name, []).append(link)
    insurance = [
        (name, [] if len(takers) == len(people) else takers) for name, takers in sorted(carriers.items())
    ]
    return PaymentFacts(
        clinicians=len(people),
        sliding_scale=[link for person, link in people if person.offers_sliding_scale],
        insurance=insurance,
    )
