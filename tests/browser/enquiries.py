"""A consultation request saved on the live site as the intake form saves it, for the admin's
enquiry page to show (shared by the admin and accessibility tests), and calls booked from such
requests, for the pages at their links (the accessibility and booking tests)."""

import uuid


def create_consultation_request(live_site, who, *, evenings=False):
    """The new request's number: a phone request that agreed to voicemail only, best reached
    weekday mornings (and evenings, when asked), from "<who> Person <marker>"."""
    marker = uuid.uuid4().hex[:8]
    output = live_site.shell(
        "from django.utils import timezone\n"
        "from contact.models import ConsultationRequest\n"
        "now = timezone.now()\n"
        "request = ConsultationRequest.objects.create(\n"
        f"    preferred_name='{who} Person {marker}', email='{who.lower()}-{marker}@example.com',\n"
        f"    phone='201-555-0142', preferred_channel='phone', best_time_mornings=True, best_time_evenings={evenings},\n"
        "    voicemail_consent_at=now, client_type='self', location='nj_telehealth', session_format='telehealth',\n"
        "    payment='self_pay', privacy_acknowledged_at=now, not_emergency_acknowledged_at=now,\n"
        "    notification_state='sent')\n"
        "print(request.pk)\n"
    )
    return int(output.strip().splitlines()[-1])


def book_calls(live_site, count):
    """The links (paths, as in a confirmation) of `count` new consultation requests, each with a
    call booked with Grace Kim at her latest free times, so the soonest ones the intake form
    shows stay as they were."""
    output = live_site.shell(
        "from booking.links import manage_path\n"
        "from booking.models import ConsultationHost\n"
        "from booking.services import book, free_times\n"
        "from contact.models import ConsultationRequest\n"
        "host = ConsultationHost.objects.offering().get(clinician__slug='grace-kim')\n"
        f"for slot in free_times([host])[-{count}:]:\n"
        "    enquiry = ConsultationRequest.objects.create(preferred_name='Call Person', email='call@example.com')\n"
        "    print(manage_path(book(host=host, start=slot.start, submission=enquiry)))\n"
    )
    return output.strip().splitlines()[-count:]
