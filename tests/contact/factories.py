"""Factories and form data for the contact app's tests."""

import time

import factory
from django.utils import timezone

from contact.models import ConsultationRequest, ContactMessage
from contact.spam import issue_started_token


def started_token(seconds_ago=10):
    return issue_started_token(now=time.time() - seconds_ago)


def contact_post_data(**overrides):
    data = {
        "preferred_name": "Priya Test-Person",
        "email": "priya.private@example.com",
        "phone": "",
        "preferred_channel": "email",
        "message": "I would like to ask about evening appointments. UNIQUE-MESSAGE-MARKER",
        "acknowledge_not_emergency": "on",
        "acknowledge_privacy": "on",
        "extra_info": "",
        "started": started_token(),
    }
    data.update(overrides)
    return data


def intake_post_data(**overrides):
    data = {
        "preferred_name": "Mei Private-Name",
        "pronouns": "she/her",
        "email": "mei.private@example.com",
        "phone": "201-555-0123",
        "preferred_channel": "phone",
        "best_times": ["evenings", "weekends"],
        "consent_voicemail": "on",
        "client_type": "self",
        "location": "nj_telehealth",
        "service": "",
        "clinician": "",
        "session_format": "telehealth",
        "payment": "self_pay",
        "heard_about": "friend",
        "note": "UNIQUE-NOTE-MARKER please call after six.",
        "acknowledge_not_emergency": "on",
        "acknowledge_privacy": "on",
        "extra_info": "",
        "started": started_token(),
    }
    data.update(overrides)
    return data


class ContactMessageFactory(factory.django.DjangoModelFactory):
    preferred_name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    preferred_channel = "email"
    message = "A question about fees."
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)
    not_emergency_acknowledged_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ContactMessage


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    preferred_name = factory.Sequence(lambda n: f"Client {n}")
    phone = "201-555-0100"
    preferred_channel = "phone"
    client_type = ConsultationRequest.ClientType.SELF
    location = ConsultationRequest.Location.NJ_IN_PERSON
    session_format = ConsultationRequest.Format.EITHER
    payment = ConsultationRequest.Payment.UNSURE
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)
    not_emergency_acknowledged_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ConsultationRequest
