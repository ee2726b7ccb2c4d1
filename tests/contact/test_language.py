"""Forms in every language (issue 12): the answers are kept as typed, staff see which language
the visitor used, and notifications still carry nothing personal."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contact.models import INTAKE_GROUP_NAME, ConsultationRequest, ContactMessage
from contact.notifications import notifications_resend
from tests.contact.factories import ConsultationRequestFactory, contact_post_data, intake_post_data

pytestmark = pytest.mark.django_db

KOREAN_NAME = "김지은"
KOREAN_NOTE = "저녁 6시 이후에 전화해 주세요. 어머니께서 한국어로 이야기하고 싶어 하십니다."


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
