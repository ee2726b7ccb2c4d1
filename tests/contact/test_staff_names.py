"""Staff are shown by their full name where colleagues read who did what on an enquiry (its notes
and its access log), and by username only when they have none or their account is gone."""

import pytest
from django.urls import reverse

from contact.services import submission_add_note
from tests.contact.factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


def test_notes_and_openings_name_the_staff_member(client, coordinator, django_user_model):
    coordinator.first_name, coordinator.last_name = "Maya", "Lopez"
    coordinator.save()
    enquiry = ConsultationRequestFactory()
    submission_add_note(submission=enquiry, text="Left a voicemail.", user=coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()
    assert html.count("Maya Lopez") >= 2  # the note's author and the opening in the log
    assert ">coordinator<" not in html.replace(" ", "")


def test_a_departed_colleague_is_still_named_by_username(client, coordinator, django_user_model):
    enquiry = ConsultationRequestFactory()
    former = django_user_model.objects.create_user("sam.former", first_name="Sam", last_name="Former")
    submission_add_note(submission=enquiry, text="Called back.", user=former)
    former.delete()
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()
    assert "sam.former" in html
