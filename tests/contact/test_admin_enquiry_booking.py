"""The enquiry's page tells the coordinator when its free call is booked, on the practice's clock."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from booking.models import Booking
from tests.booking.conftest import host_with_hours
from tests.contact.factories import ConsultationRequestFactory
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db
TUESDAY = datetime(2027, 1, 12, 19, 15, tzinfo=UTC)  # 2:15 PM in New York


@pytest.fixture
def booked(site_tree):
    host = host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team, title="Grace Kim"))
    enquiry = ConsultationRequestFactory()
    booking = Booking.objects.create(
        host=host, starts_at=TUESDAY, ends_at=TUESDAY + timedelta(minutes=15), submission=enquiry
    )
    return enquiry, booking


def page(client, coordinator, enquiry):
    client.force_login(coordinator)
    response = client.get(reverse("enquiries:inspect", args=[enquiry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_booked_time_is_shown_in_the_practices_zone_with_the_host(client, coordinator, booked):
    html = page(client, coordinator, booked[0])
    assert "Consultation booked: Tue, Jan 12, 2:15 PM Eastern Time with Grace Kim (15 min)" in html


def test_a_cancelled_call_is_shown_as_cancelled(client, coordinator, booked):
    enquiry, booking = booked
    booking.status = Booking.Status.CANCELLED
    booking.save()
    html = page(client, coordinator, enquiry)
    assert "Consultation cancelled: Tue, Jan 12, 2:15 PM Eastern Time with Grace Kim (15 min)" in html
    assert "Consultation booked" not in html


def test_an_enquiry_without_a_booking_says_nothing_of_one(client, coordinator):
    html = page(client, coordinator, ConsultationRequestFactory())
    assert "Consultation booked" not in html and "Consultation cancelled" not in html


def test_a_call_nobody_answered_is_shown_as_not_answered(client, coordinator, booked):
    enquiry, booking = booked
    booking.status = Booking.Status.NO_ANSWER
    booking.save()
    html = page(client, coordinator, enquiry)
    assert "Consultation not answered: Tue, Jan 12, 2:15 PM Eastern Time with Grace Kim (15 min)" in html
    assert "Consultation booked" not in html
