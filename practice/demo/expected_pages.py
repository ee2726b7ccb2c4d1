"""The pages a practice is expected to have, in the demo practice's words: fees with the
sliding-scale policy and the insurance carriers list, the accessibility statement, the location page.

Kept apart from `content` (the rest of the practice's words), which `practice.demo` reads with it.
"""

from practice.demo.content import PRACTICE

SLIDING_SCALE_TEXT = (
    "<h2>Sliding scale</h2>"
    "<p>The clinicians named below keep part of their week for a reduced fee, from $90 to $150 for an "
    "individual session. You and your clinician agree on the fee together and look at it again every six months.</p>"
)
# After the clinicians who offer one (a block that names them from their pages: never out of date).
SLIDING_SCALE_HOW_TEXT = (
    "<p><strong>Who can ask:</strong> anyone paying for themselves for whom the full fee would stand in the way of "
    "therapy: students, people between jobs, caregivers, anyone whose budget is stretched. You do not need to "
    "explain why.</p>"
    "<p><strong>How to ask:</strong> say so on your free 15-minute first call, or choose “Self-pay” and "
    "mention the sliding scale when you request a consultation. We talk it through on the first call and tell "
    "you honestly whether a spot is open now or when one will be.</p>"
    "<p>We never ask for proof of income, and nothing about your finances is asked for on this website.</p>"
)

PHONE_URI = "tel:+1" + "".join(ch for ch in PRACTICE["phone"] if ch.isdigit())

# The statement's sections, shared by the current statement and the one the demo gave before.
ACCESSIBILITY_STANDARD = (
    "<h2>The standard we aim for</h2>"
    "<p>We aim to meet the Web Content Accessibility Guidelines, WCAG 2.2, at level AA on every page and in "
    "both forms. The site works with a keyboard alone, shows where the focus is, announces form errors and "
    "links each one to its field, and keeps text readable when you zoom in.</p>"
)
ACCESSIBILITY_LIMITS = (
    "<h2>Known limits</h2>"
    "<ul><li>Some older PDF documents may not be fully accessible; ask and we will send the content another way."
    "</li><li>The client portal and any map you open from our location page are run by other companies, and "
    "their accessibility is theirs.</li><li>Automated tests find only some problems, so we are grateful when "
    "you tell us about others.</li></ul>"
)


def accessibility_contact(phone):
    """The statement's last section, with the phone number as `phone` (a link, or text before)."""
    return (
        "<h2>Report a problem or get the content another way</h2>"
        f"<p>If something on this site is hard to use, or you need a page in another format (plain text, large "
        f'print, or read to you over the phone), email <a href="mailto:{PRACTICE["email"]}">{PRACTICE["email"]}</a>, '
        f'call {phone}, or use our <a href="/contact/">contact form</a>. Tell us the page and what '
        f"happened; you do not need to give any health information.</p>"
        f"<p>We reply {PRACTICE['response_time_text']} and fix problems in the site as soon as we can. If you are "
        "trying to reach us to start therapy, we will also help you do that by phone or email instead.</p>"
        "<p>Last reviewed: November 2026.</p>"
    )


ACCESSIBILITY_TEXT = (
    ACCESSIBILITY_STANDARD + "<h2>How we test</h2>"
    "<ul><li>Automated checks of every page type, and of both forms as they look when they show errors, "
    "each time the site changes: text alternatives for images, labels on form fields, color contrast, "
    "heading order and the names that screen readers announce.</li><li>The same pages checked on a "
    "phone-sized screen.</li><li>Keyboard-only walkthroughs of both forms, and spot checks with screen "
    "readers on a phone and on a computer.</li></ul>"
    + ACCESSIBILITY_LIMITS
    + accessibility_contact(f'<a href="{PHONE_URI}">{PRACTICE["phone"]}</a>')
)

# The statement as the demo gave it before it named its tools (upgraded by EARLIER_BODIES).
ACCESSIBILITY_TEXT_BEFORE_ISSUE_20 = (
    ACCESSIBILITY_STANDARD + "<h2>How we test</h2>"
    "<ul><li>Automated checks with axe-core on every page type and on both forms’ error states, each time the "
    "site changes.</li><li>Lighthouse accessibility audits of every page type on a phone-sized screen.</li>"
    "<li>Keyboard-only walkthroughs of both forms, and spot checks with the VoiceOver and NVDA screen "
    "readers.</li></ul>" + ACCESSIBILITY_LIMITS + accessibility_contact(PRACTICE["phone"])
)

STANDARD_PAGES = [
    {
        "slug": "fees-and-insurance",
        "title": "Fees & insurance",
        "intro": "What sessions cost, which insurance we take, and how self-pay and the sliding scale work.",
        "blocks": [
            (
                "paragraph",
                "<h2>Session fees</h2><ul><li>Individual session (55 minutes): $180</li><li>Couples or family "
                "session (80 minutes): $220</li><li>Free 15-minute consultation call</li></ul>",
            ),
            (
                "insurance_carriers",
                {
                    "heading": "Insurance we take",
                    "intro": (
                        "<p>We are in network with the carriers below; each clinician’s page lists their "
                        "panels. For other plans we give you a monthly superbill to submit for "
                        "out-of-network reimbursement.</p>"
                    ),
                    "show_clinicians": True,
                },
            ),
            ("paragraph", SLIDING_SCALE_TEXT),
            ("sliding_scale_clinicians", None),
            ("paragraph", SLIDING_SCALE_HOW_TEXT),
            (
                "paragraph",
                "<h2>Self-pay</h2><p>If you pay for yourself, you will receive a Good Faith Estimate of the "
                "expected costs before your first session.</p>",
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "intro": "We want everyone to be able to use this website, including people who use a screen reader, a keyboard or magnification.",
        "body": ACCESSIBILITY_TEXT,
    },
]

# Bodies earlier versions of the demo gave these pages: a page still holding one (no editor has
# changed it) gets the current demo body when the demo is loaded again.
EARLIER_BODIES = {
    "accessibility": [("paragraph", ACCESSIBILITY_TEXT_BEFORE_ISSUE_20)],
    "fees-and-insurance": [
        (
            "paragraph",
            "<h2>Session fees</h2><ul><li>Individual session (55 minutes): $180</li><li>Couples or family session (80 minutes): $220</li><li>Free 15-minute consultation call</li></ul><h2>Insurance</h2><p>We are in network with Aetna and Horizon Blue Cross Blue Shield. For other plans we provide superbills you can submit for out-of-network reimbursement.</p><h2>Self-pay</h2><p>If you pay for yourself, you will receive a Good Faith Estimate of the expected costs before your first session.</p>",
        )
    ],
}

LOCATION = {
    "slug": "location",
    "title": "Visiting our office",
    "intro": "<p>Our office is in downtown Jersey City, a short walk from the PATH and the light rail. Sessions are also offered by telehealth across New Jersey.</p>",
    "directions": (
        "<p>We are on the 21st floor of 101 Hudson Street, at the corner of Hudson and Montgomery Streets. "
        "Check in with the lobby desk, take the elevator to the 21st floor and turn left: Suite 2100 is the "
        "second door on the right. The waiting room is quiet and private; your clinician will come to meet you.</p>"
    ),
    "transit": (
        "<ul><li><strong>PATH:</strong> Exchange Place station, a 5-minute walk (trains from World Trade Center, "
        "Newark and Hoboken).</li><li><strong>Hudson-Bergen Light Rail:</strong> Exchange Place stop, a 4-minute "
        "walk.</li><li><strong>NJ Transit buses:</strong> routes stopping at Exchange Place.</li></ul>"
    ),
    "parking": (
        "<p>The building garage on Montgomery Street has hourly parking (about $12 for two hours) and "
        "accessible spaces on level 1, next to the elevators. Street parking nearby is metered and often full.</p>"
    ),
    "step_free_access": (
        "<p>The main entrance on Hudson Street has no steps and an automatic door. Elevators go to every floor, "
        "the office doors are at least 36 inches (90 cm) wide, and there is an accessible restroom on our floor. "
        "If you need anything else to make the visit work, such as a ground-floor room or extra time, tell us "
        "on your first call.</p>"
    ),
    "more": (
        "<p>Please arrive a few minutes early for your first session. If you are running late, call us: "
        "we will keep your time for you. If coming in is hard on a given day, we can switch that session to telehealth.</p>"
    ),
    "map_url": "https://www.openstreetmap.org/search?query=101%20Hudson%20Street%2C%20Jersey%20City%2C%20NJ%2007302",
    "map_link_label": "Open in a map",
}
