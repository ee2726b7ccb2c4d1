"""Availability kept by staff: hosts, weekly hours and time off in the admin; who offers times."""

from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from booking import demo
from booking.clock import PRACTICE_ZONE
from booking.models import AvailabilityException, ConsultationHost
from booking.services import book, free_times
from contact.models import ConsultationRequest
from tests.booking.conftest import MONDAY, host_with_hours
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db


def new_york_walls(times):
    return [slot.start.astimezone(PRACTICE_ZONE).strftime("%a %H:%M") for slot in times]


def test_a_clinician_with_hours_offers_them_until_her_caseload_is_full(clinician, clinician_host):
    assert new_york_walls(free_times(now=MONDAY))[:2] == ["Tue 12:00", "Tue 12:15"]
    clinician.accepting_new_clients = False
    clinician.save_revision().publish()
    assert free_times(now=MONDAY) == []


def test_an_inactive_host_offers_nothing(clinician_host):
    clinician_host.active = False
    clinician_host.save()
    assert free_times(now=MONDAY) == []


def test_time_off_for_a_whole_day_or_part_of_one_removes_exactly_those_times(clinician_host):
    tuesday = date(2027, 1, 12)
    AvailabilityException.objects.create(
        host=clinician_host, starts_on=tuesday, start_time=time(12, 15), end_time=time(12, 45)
    )
    assert new_york_walls(free_times(now=MONDAY))[:2] == ["Tue 12:00", "Tue 12:45"]
    AvailabilityException.objects.create(
        host=clinician_host, starts_on=date(2027, 1, 19), ends_on=date(2027, 1, 26), label="Holiday"
    )
    days = {slot.start.date() for slot in free_times(now=MONDAY)}
    assert days == {date(2027, 1, 12)}  # the 19th and 26th off; the 21 days ahead end on Feb 1


def test_free_times_of_many_hosts_cost_the_same_queries_as_one(site_tree, django_user_model):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert free_times(now=MONDAY)
        return len(captured)

    host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team))
    one = queries()
    for index in range(4):
        host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team))
        host_with_hours(user=django_user_model.objects.create_user(f"host{index}"))
    assert queries() == one


def test_the_demo_gives_the_coordinator_and_three_clinicians_hours_and_offers_free_times(site_tree):
    for slug in ("grace-kim", "anjali-mehta"):
        ClinicianPageFactory(parent=site_tree.team, slug=slug)
    ClinicianPageFactory(parent=site_tree.team, slug="nia-okafor", accepting_new_clients=False)
    assert demo.load() == "Consultation hosts: 4 with weekly hours."
    assert demo.load() == ""  # again: nothing added, nothing changed
    hosts = {host.pk: str(host) for host in ConsultationHost.objects.all()}
    offering = {hosts[slot.host_id] for slot in free_times(now=MONDAY)}
    assert len(offering) == 3 and "Intake Coordinator" in offering
    assert ConsultationHost.objects.get(clinician__slug="nia-okafor").windows.exists()


# -- The admin ------------------------------------------------------------------------------


def test_an_intake_coordinator_adds_a_host_with_weekly_hours_in_the_admin(
    client, coordinator, django_user_model
):
    client.force_login(coordinator)
    staff = django_user_model.objects.create_user("second.coordinator")
    form = {
        "user": staff.pk,
        "active": "on",
        "slot_minutes": "20",
        "buffer_before_minutes": "0",
        "buffer_after_minutes": "10",
        "minimum_notice_hours": "24",
        "horizon_days": "21",
        "daily_cap": "4",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        "windows-0-weekday": "1",
        "windows-0-starts_at": "12:00",
        "windows-0-ends_at": "13:00",
        "windows-0-ORDER": "1",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("consultation_hosts:add"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    host = ConsultationHost.objects.get(user=staff)
    assert [str(window) for window in host.windows.all()] == ["Tuesday 12:00–13:00"]
    starts = [slot.start for slot in free_times(now=MONDAY)]
    assert starts[:4] == [datetime(2027, 1, 12, 17, minute, tzinfo=UTC) for minute in (0, 20, 40)] + [
        datetime(2027, 1, 19, 17, tzinfo=UTC)
    ]


def test_hours_that_end_before_they_start_are_refused_with_a_message(client, coordinator, clinician):
    client.force_login(coordinator)
    response = client.post(
        reverse("consultation_hosts:add"),
        {
            "clinician": clinician.pk,
            "slot_minutes": "15",
            "buffer_before_minutes": "0",
            "buffer_after_minutes": "0",
            "minimum_notice_hours": "24",
            "horizon_days": "21",
            "windows-TOTAL_FORMS": "1",
            "windows-INITIAL_FORMS": "0",
            "windows-0-weekday": "1",
            "windows-0-starts_at": "13:00",
            "windows-0-ends_at": "12:00",
            "exceptions-TOTAL_FORMS": "0",
            "exceptions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "The hours must end after they start." in response.content.decode()
    assert not ConsultationHost.objects.exists()


def test_intake_coordinators_see_booked_calls_and_hosts(client, coordinator, clinician_host):
    client.force_login(coordinator)
    for name in ("bookings:index", "consultation_hosts:index"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("consultation_hosts:edit", args=[clinician_host.pk])).status_code == 200


def test_editors_who_are_not_intake_staff_cannot_see_bookings_or_hosts(client, editor, clinician_host):
    client.force_login(editor)
    for url in (
        reverse("bookings:index"),
        reverse("consultation_hosts:index"),
        reverse("consultation_hosts:edit", args=[clinician_host.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Grace Kim" not in response.content.decode()
    assert "Booked calls" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_intake_coordinator_cancels_a_booked_call_and_its_time_is_free_again(
    client, coordinator, clinician_host
):
    tuesday_noon = datetime(2027, 1, 12, 17, tzinfo=UTC)
    booking = book(host=clinician_host, start=tuesday_noon, now=MONDAY)
    client.force_login(coordinator)
    listing = client.get(reverse("bookings:index")).content.decode()
    assert "Tue, Jan 12, 2027, noon" in listing and "Grace Kim" in listing
    response = client.post(reverse("bookings:edit", args=[booking.pk]), {"status": "cancelled"})
    assert response.status_code == 302
    assert tuesday_noon in [slot.start for slot in free_times(now=MONDAY)]


def test_cancelling_from_booked_calls_is_the_agendas_cancel(client, coordinator, clinician_host):
    """The call's own edit page cancels through the booking's services, as the agenda does: the
    enquiry's history says who cancelled, and the client's notice is due. It offers no other
    change (moving and "no answer" are the agenda's)."""
    enquiry = ConsultationRequest.objects.create(preferred_name="Sam", email="sam@example.org")
    booking = book(
        host=clinician_host, start=datetime(2027, 1, 12, 17, tzinfo=UTC), submission=enquiry, now=MONDAY
    )
    client.force_login(coordinator)
    form = client.get(reverse("bookings:edit", args=[booking.pk])).content.decode()
    assert 'value="cancelled"' in form and 'value="moved"' not in form and 'value="no_answer"' not in form
    response = client.post(reverse("bookings:edit", args=[booking.pk]), {"status": "cancelled"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.notice_state) == ("cancelled", "pending")
    entry = ModelLogEntry.objects.get(action="booking.cancelled", object_id=str(enquiry.pk))
    assert entry.user == coordinator
