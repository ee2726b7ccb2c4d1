"""Discreet messages: visitors get an email only when they asked for one, from a sender name
and subject the practice sets (neutral by default), and the scripts intake staff read when
they call or text back are worded the same way."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.emails import visitor_confirmation_message
from contact.models import ContactSettings, Submission
from contact.notifications import notifications_resend
from tests.contact.factories import ConsultationRequestFactory, contact_post_data

State = Submission.NotificationState


@pytest.fixture
def coordinator(django_user_model):
    from django.contrib.auth.models import Group

    from contact.models import INTAKE_GROUP_NAME

    user = django_user_model.objects.create_user("coordinator", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=INTAKE_GROUP_NAME))
    return user


def test_contact_form_asks_before_sending_a_receipt(client, site_tree):
    html = client.get("/contact/").content.decode()
    checkbox = re.search(r'<input[^>]*name="email_receipt"[^>]*>', html)
    assert checkbox, "no receipt checkbox"
    assert "checked" not in checkbox.group(0)
    assert "Email me a short receipt" in html


@pytest.mark.parametrize(("ticked", "receipts"), [("", 0), ("on", 1)])
def test_a_receipt_goes_out_only_when_the_visitor_ticked_it(
    client, site_tree, recipients, mailoutbox, django_capture_on_commit_callbacks, ticked, receipts
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_post_data(email_receipt=ticked))
    assert response.status_code == 302
    notifications_resend()
    to_visitor = [m for m in mailoutbox if m.to == ["priya.private@example.com"]]
    assert len(to_visitor) == receipts


def test_a_receipt_needs_an_email_address(client, site_tree):
    data = contact_post_data(email="", phone="201-555-0123", preferred_channel="phone", email_receipt="on")
    response = client.post("/contact/", data)
    assert response.status_code == 400
    assert "receipt" in response.content.decode()


def test_visitor_email_uses_the_neutral_sender_and_subject_and_never_says_therapy(db):
    submission = ConsultationRequestFactory(email="mei@example.com", email_consent_at=timezone.now())
    message = visitor_confirmation_message(submission)
    assert message.subject == "Your message to us"
    assert message.from_email.startswith("WR Wellness <")
    assert "therapy" not in message.message().as_string().lower()


def test_the_practice_chooses_the_visitor_sender_and_subject(db):
    contact_settings = ContactSettings.load()
    contact_settings.visitor_sender_name = "Wellness Studio"
    contact_settings.visitor_subject = "We got your note"
    contact_settings.save()
    submission = ConsultationRequestFactory(email="mei@example.com", email_consent_at=timezone.now())
    message = visitor_confirmation_message(submission)
    assert (message.subject, message.from_email.split(" <")[0]) == ("We got your note", "Wellness Studio")


def test_the_enquiry_shows_discreet_call_and_text_scripts(client, coordinator):
    enquiry = ConsultationRequestFactory(voicemail_consent_at=None, text_consent_at=timezone.now())
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()
    scripts = html[html.index("What to say when you reach out") :]
    assert "WR Wellness" in scripts
    assert "Do not leave a voicemail" in scripts
    text_script = re.search(r"Text message</dt>\s*<dd>(.*?)</dd>", scripts, re.S).group(1)
    assert "WR Wellness" in text_script
    assert "therap" not in scripts.split("</section>")[0].lower()
