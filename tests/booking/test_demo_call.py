"""The demo's booked call: after `make run` the coordinator's agenda, the Korean sample
enquiry and its host's calendar feed have a call to show, and no email is due for it."""

import pytest
from django.urls import reverse

from booking import demo as booking_demo
from booking.models import Booking
from contact import demo
from contact.models import ConsultationRequest
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(site_tree):
    ClinicianPageFactory(parent=site_tree.team, slug="grace-kim", title="Grace Kim")
    booking_demo.load()  # the hosts, as load_demo_content makes them before the samples
    return site_tree


def test_the_korean_sample_has_a_call_with_a_korean_speaking_clinician_in_the_agenda(
    client, demo_site, coordinator
):
    assert "one with a booked call" in demo.load(sample_enquiries=True)
    minji = ConsultationRequest.objects.get(language="ko")
    call = Booking.objects.get()
    assert (call.submission_id, call.host.clinician.slug, call.status) == (minji.pk, "grace-kim", "live")
    client.force_login(coordinator)
    agenda = client.get(reverse("booking_agenda:index")).content.decode()
    assert f"Consultation #{minji.pk}" in agenda
    enquiry = client.get(reverse("enquiries:inspect", args=[minji.pk])).content.decode()
    assert "Consultation booked" in enquiry and "with Grace Kim" in enquiry


def test_no_email_is_due_for_the_demo_call_and_loading_again_books_none(demo_site):
    demo.load(sample_enquiries=True)
    assert demo.load(sample_enquiries=True) == ""
    call = Booking.objects.get()
    assert (call.reminder_state, call.notice_state) == ("", "")


def test_without_the_host_the_samples_come_without_a_call(site_tree):
    assert "booked" not in demo.load(sample_enquiries=True)
    assert not Booking.objects.exists()
