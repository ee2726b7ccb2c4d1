"""A consultation request saved on the live site as the intake form saves it, for the admin's
enquiry page to show (shared by the admin and accessibility tests)."""

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
