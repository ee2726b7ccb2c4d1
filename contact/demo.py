"""Made-up enquiries for the demo (`load_demo_content --sample-enquiries`, which `make run` passes),
so the intake coordinator's work queue, the dashboard and an enquiry page have something to show
on a fresh site: one request waiting past the reply promise, a Korean and a Hindi enquiry, others
already answered or closed. The Korean request has a call booked with Grace Kim, who speaks
Korean, at her first free time, so the agenda, the enquiry and her calendar feed show one too.

Every sample is plainly fictitious (example.com addresses, 555-01xx numbers). Its emails count as
sent, so no worker ever mails anyone about it. Samples are added only to a site without any
enquiry: a real one is never mixed with them, and loading again adds none.
"""

from datetime import timedelta

from django.utils import timezone

from booking.models import ConsultationHost
from booking.services import SlotTaken, book, free_times
from contact.models import ConsultationRequest, ContactMessage, Submission
from practice.models import ServicePage

CONTACTED, CLOSED = Submission.Status.CONTACTED, Submission.Status.CLOSED

# (model, hours ago, status, fields): the queue shows the oldest waiting first.
SAMPLES = [
    (
        ConsultationRequest,
        74,
        None,
        {
            "preferred_name": "Jordan (sample)",
            "phone": "201-555-0142",
            "preferred_channel": "phone",
            "client_type": "self",
            "location": "nj_telehealth",
            "session_format": "telehealth",
            "payment": "insurance",
            "insurance_carrier": "Aetna",
            "best_time_evenings": True,
            "note": "Sample request: evenings after six work best.",
        },
    ),
    (
        ContactMessage,
        26,
        None,
        {
            "language": "hi",
            "preferred_name": "Anaya (sample)",
            "email": "anaya.sample@example.com",
            "preferred_channel": "email",
            "message": "नमस्ते, क्या आपके यहाँ कोई हिंदी बोलने वाले थेरेपिस्ट हैं? (नमूना संदेश)",
        },
    ),
    (
        ConsultationRequest,
        5,
        None,
        {
            "language": "ko",
            "preferred_name": "Minji (sample)",
            "phone": "201-555-0187",
            "preferred_channel": "text",
            "client_type": "self",
            "location": "nj_in_person",
            "session_format": "in_person",
            "payment": "self_pay",
            "note": "한국어로 상담받고 싶어요. (샘플 요청)",
        },
    ),
    (
        ContactMessage,
        1,
        None,
        {
            "preferred_name": "Sam (sample)",
            "email": "sam.sample@example.com",
            "preferred_channel": "email",
            "message": "Sample message: is the office wheelchair accessible?",
        },
    ),
    (
        ContactMessage,
        50,
        CONTACTED,
        {
            "preferred_name": "Riley (sample)",
            "email": "riley.sample@example.com",
            "preferred_channel": "email",
            "message": "Sample message: do you offer a sliding scale?",
        },
    ),
    (
        ConsultationRequest,
        220,
        CLOSED,
        {
            "preferred_name": "Taylor (sample)",
            "email": "taylor.sample@example.com",
            "preferred_channel": "email",
            "client_type": "couple_family",
            "location": "other_state",
            "session_format": "either",
            "payment": "unsure",
            "note": "Sample request from outside New Jersey.",
        },
    ),
]


def add_arguments(parser):
    parser.add_argument(
        "--sample-enquiries",
        action="store_true",
        help="Also add a few made-up enquiries for the work queue (only when the site has none).",
    )


def load(*, sample_enquiries=False, **options):
    """Add the samples to a site without enquiries; returns a summary line, empty when none."""
    if not sample_enquiries or Submission.objects.exists():
        return ""
    now = timezone.now()
    service = ServicePage.objects.live().filter(slug="cultural-identity-and-life-transitions").first()
    call = None
    for model, hours, status, fields in SAMPLES:
        received = now - timedelta(hours=hours)
        sample = model(
            received_at=received,
            status=status or Submission.Status.NEW,
            first_replied_at=received + timedelta(hours=3) if status else None,
            privacy_acknowledged_at=received,
            not_emergency_acknowledged_at=received,
            notification_state=Submission.NotificationState.SENT,
            notification_sent_at=received,
            **fields,
        )
        if model is ConsultationRequest and sample.language != "en" and service:
            sample.service, sample.service_title = service, service.title
        sample.save()
        if model is ConsultationRequest and sample.language == "ko":
            call = book_sample_call(sample)
    booked = ", one with a booked call" if call else ""
    return f"Sample enquiries: {len(SAMPLES)} made-up enquiries for the work queue{booked}."


def book_sample_call(sample, host_slug="grace-kim"):
    """A call for `sample` with the clinician `host_slug` at her first free time, or None where
    the demo has no such host (the booking app's demo, loaded before this one, makes them). Its
    confirmation counts as sent with the enquiry's; no reminder."""
    host = ConsultationHost.objects.filter(clinician__slug=host_slug).first()
    for slot in free_times([host]) if host else []:
        try:
            return book(host=host, start=slot.start, submission=sample)
        except SlotTaken:
            continue
    return None
