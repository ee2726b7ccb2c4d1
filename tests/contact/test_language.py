"""Forms in every language (issue 12): the answers are kept as typed, staff see which language
the visitor used, and notifications still carry nothing personal."""

from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from contact.emails import staff_notification_message
from contact.models import INTAKE_GROUP_NAME, ConsultationRequest, ContactMessage, ContactSettings, Submission
from contact.notifications import notification_deliver, notifications_resend
from tests.contact.factories import ConsultationRequestFactory, contact_post_data, intake_post_data

pytestmark = pytest.mark.django_db

KOREAN_NAME = "김지은"
KOREAN_NOTE = "저녁 6시 이후에 전화해 주세요. 어머니께서 한국어로 이야기하고 싶어 하십니다."


@pytest.fixture
def compiled_messages(tmp_path):
    """The repository's .po files compiled into a folder of their own (.mo files are built at
    install time and not kept in git), so tests see the shipped translations."""
    base = Path(django_settings.BASE_DIR, "locale")
    for po_path in base.glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / po_path.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(po_path)).save_as_mofile(str(target.with_suffix(".mo")))
    with override_settings(LOCALE_PATHS=[tmp_path]):
        yield tmp_path


def test_a_korean_consultation_request_keeps_the_answers_as_typed_and_records_korean(
    client, intake_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ko/contact/intake/", intake_post_data(preferred_name=KOREAN_NAME, note=KOREAN_NOTE)
        )
    assert response.status_code == 302
    assert response["Location"].startswith("/ko/contact/thanks/")
    request = ConsultationRequest.objects.get()
    assert request.language == "ko"
    assert request.preferred_name == KOREAN_NAME
    assert request.note == KOREAN_NOTE


@pytest.mark.parametrize(("path", "language"), [("/contact/", "en"), ("/hi/contact/", "hi")])
def test_a_contact_message_records_the_language_of_its_address(client, site_tree, path, language):
    response = client.post(path, contact_post_data(), headers={"accept-language": "ko"})
    assert response.status_code == 302
    assert ContactMessage.objects.get().language == language


def test_the_enquiry_shows_staff_the_language_the_visitor_used(client, django_user_model):
    enquiry = ConsultationRequestFactory(preferred_name=KOREAN_NAME, note=KOREAN_NOTE, language="ko")
    coordinator = django_user_model.objects.create_user("coordinator", password="pw")
    coordinator.groups.add(Group.objects.get(name=INTAKE_GROUP_NAME))
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()
    assert "<dt>Language the visitor used</dt>\n            <dd>Korean</dd>" in html
    assert KOREAN_NAME in html and KOREAN_NOTE in html


def test_notifications_never_name_the_visitors_language(
    client, intake_site, recipients, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ko/contact/intake/",
            intake_post_data(preferred_name=KOREAN_NAME, note=KOREAN_NOTE, email_consent="on"),
        )
    notifications_resend()
    assert mailoutbox
    for message in mailoutbox:
        alternatives = getattr(message, "alternatives", [])
        text = " ".join([message.subject, message.body, *(str(part[0]) for part in alternatives)])
        assert "Korean" not in text and "한국어" not in text
        assert KOREAN_NAME not in text and KOREAN_NOTE not in text


def _korean_request_with_a_receipt(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ko/contact/intake/",
            intake_post_data(preferred_name=KOREAN_NAME, preferred_channel="email", consent_email="on"),
        )
    assert response.status_code == 302
    return ConsultationRequest.objects.get()


def test_a_korean_visitors_confirmation_is_in_korean_and_the_staff_email_in_english(
    client, intake_site, recipients, mailoutbox, compiled_messages, django_capture_on_commit_callbacks
):
    request = _korean_request_with_a_receipt(client, django_capture_on_commit_callbacks)
    assert request.confirmation_state == Submission.NotificationState.PENDING
    notifications_resend()
    [receipt] = [message for message in mailoutbox if message.to == ["mei.private@example.com"]]
    assert "요청을 받았습니다" in receipt.body  # "we received your request"
    assert "988" in receipt.body and "1-855-654-6735" in receipt.body
    assert "received your request" not in receipt.body
    assert receipt.subject != ContactSettings._meta.get_field("visitor_subject").default
    assert KOREAN_NAME not in receipt.message().as_string()
    [staff] = [message for message in mailoutbox if message.to == recipients]
    assert staff.subject == f"New consultation request #{request.pk}"
    assert "arrived through the website" in staff.body


def test_a_subject_staff_wrote_is_sent_as_written_in_every_language(
    client, intake_site, recipients, mailoutbox, compiled_messages, django_capture_on_commit_callbacks
):
    contact_settings = ContactSettings.load()
    contact_settings.visitor_subject = "Thank you for writing"
    contact_settings.save()
    request = _korean_request_with_a_receipt(client, django_capture_on_commit_callbacks)
    assert notification_deliver.call("visitor", request.pk) is True
    [receipt] = mailoutbox
    assert receipt.subject == "Thank you for writing"
    assert "요청을 받았습니다" in receipt.body


def test_the_staff_email_stays_english_whatever_language_is_active(
    intake_site, recipients, compiled_messages
):
    request = ConsultationRequestFactory(language="ko")
    with translation.override("ko"):
        message = staff_notification_message(request)
    assert message.subject == f"New consultation request #{request.pk}"
    assert "For privacy, this email does not include" in message.body
