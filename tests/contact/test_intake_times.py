"""Picking a time on the consultation request (issue 22): free times as radio buttons by day,
booked with the request in one transaction; a taken time keeps the answers and offers the nearest."""

import re
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.clock import PRACTICE_ZONE
from booking.models import Booking, ConsultationHost, WeeklyWindow
from booking.services import free_times, hosts_for
from contact.models import ConsultationRequest
from tests.contact.factories import intake_post_data
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosts(intake_site):
    """Asha Rao takes calls every day 9:00 to 17:00; Full Caseload has hours but no space."""
    made = []
    for clinician in (intake_site.open_clinician, intake_site.full_clinician):
        host = ConsultationHost.objects.create(clinician=clinician)
        for weekday in range(7):
            WeeklyWindow.objects.create(host=host, weekday=weekday, starts_at=time(9), ends_at=time(17))
        made.append(host)
    return made


def time_values(html):
    return re.findall(r'name="consultation_time" value="(\d{8}T\d{4}Z)"', html)


def first_free():
    slot = free_times()[0]
    return slot, slot.start.strftime("%Y%m%dT%H%MZ")


def test_the_form_offers_free_times_by_day_in_eastern_time_and_no_time_by_default(client, hosts):
    html = client.get("/contact/intake/").content.decode()
    assert "Pick a time for your free call" in html and "Eastern Time" in html
    assert re.search(
        r'<input type="radio" name="consultation_time" value="" id="id_consultation_time_0" checked>', html
    )
    values = time_values(html)
    assert values and values == sorted(values)  # soonest first
    assert html.count('class="time-picker__day"') == 3  # three days, then a link for more
    more = client.get("/contact/intake/?more=days").content.decode()
    assert 'href="?more=days#consultation-times"' in html
    assert len(time_values(more)) > len(values)


def test_choosing_a_time_books_it_with_the_request(client, hosts):
    slot, value = first_free()
    response = client.post("/contact/intake/", intake_post_data(consultation_time=value))
    assert response.status_code == 302, response.content.decode()[:2000]
    booking = Booking.objects.get()
    assert booking.submission_id == ConsultationRequest.objects.get().pk
    assert (booking.starts_at, booking.host_id) == (slot.start, slot.host_id)
    assert value not in time_values(client.get("/contact/intake/").content.decode())


def test_no_time_keeps_todays_request_flow(client, hosts):
    response = client.post("/contact/intake/", intake_post_data())
    assert response.status_code == 302
    assert ConsultationRequest.objects.count() == 1 and not Booking.objects.exists()


def test_a_taken_time_returns_the_form_with_answers_kept_and_the_nearest_free_times(client, hosts):
    slot, value = first_free()
    Booking.objects.create(host_id=slot.host_id, starts_at=slot.start, ends_at=slot.end)
    response = client.post("/contact/intake/", intake_post_data(consultation_time=value))
    html = response.content.decode()
    assert response.status_code == 409
    assert "That time was just taken" in html
    assert 'value="Mei Private-Name"' in html and "UNIQUE-NOTE-MARKER" in html
    offered = time_values(html)
    assert offered and value not in offered and len(offered) <= 6
    assert not ConsultationRequest.objects.exists()  # nothing saved half: the visitor sends again


def test_a_time_chosen_with_a_clinician_is_hers(client, hosts, intake_site):
    slot = free_times(hosts_for("asha-rao"))[0]
    value = slot.start.strftime("%Y%m%dT%H%MZ")
    client.post("/contact/intake/", intake_post_data(clinician="asha-rao", consultation_time=value))
    assert Booking.objects.get().host.clinician == intake_site.open_clinician


def test_a_full_caseload_clinician_offers_no_time_on_the_form(client, hosts):
    html = client.get("/contact/intake/?clinician=full-caseload").content.decode()
    assert time_values(html) == []


def test_a_client_outside_the_licensed_states_is_not_offered_or_given_a_time(client, hosts):
    _, value = first_free()
    response = client.post(
        "/contact/intake/",
        intake_post_data(location="other_state", consultation_time=value, preferred_name=""),
    )
    assert response.status_code == 400 and time_values(response.content.decode()) == []
    client.post("/contact/intake/", intake_post_data(location="other_state", consultation_time=value))
    assert ConsultationRequest.objects.count() == 1 and not Booking.objects.exists()


def test_a_made_up_time_value_gets_a_field_message_not_an_error_page(client, hosts):
    response = client.post("/contact/intake/", intake_post_data(consultation_time="tomorrow\x00"))
    assert response.status_code == 400
    assert "Please choose one of the times shown." in response.content.decode()


def test_the_times_on_the_form_cost_the_same_queries_for_two_hosts_or_six(client, hosts, intake_site):
    """Counted on the booking's tables: the rest of the page has its own cache and tests."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert time_values(client.get("/contact/intake/").content.decode())
        return [query["sql"] for query in captured.captured_queries if '"booking_' in query["sql"]]

    two = queries()
    for index in range(4):
        host = ConsultationHost.objects.create(
            clinician=ClinicianPageFactory(parent=intake_site.team, slug=f"more-{index}")
        )
        WeeklyWindow.objects.create(host=host, weekday=index, starts_at=time(9), ends_at=time(12))
    assert len(queries()) == len(two) == 4  # hosts, their hours, their time off, their bookings


def test_a_request_that_books_its_time_does_not_work_out_the_forms_three_weeks(client, hosts, monkeypatch):
    """The times are shown only when the form comes back; a post that books goes straight on."""
    _slot, value = first_free()

    def not_now(*args, **kwargs):
        raise AssertionError("the form's times were worked out for a post that books")

    monkeypatch.setattr("contact.forms.offered_times", not_now)
    response = client.post("/contact/intake/", intake_post_data(consultation_time=value))
    assert response.status_code == 302
    assert Booking.objects.get().starts_at.strftime("%Y%m%dT%H%MZ") == value


def test_the_first_days_shown_are_those_of_the_whole_offer(client, hosts):
    """Read a week ahead first (the whole horizon only when the week has too few days)."""
    days = {}
    for slot in free_times():
        days.setdefault(timezone.localtime(slot.start, PRACTICE_ZONE).date(), []).append(slot.start)
    first_three = [start.strftime("%Y%m%dT%H%MZ") for day in list(days)[:3] for start in days[day]]
    html = client.get("/contact/intake/").content.decode()
    assert time_values(html) == first_three
    assert 'href="?more=days#consultation-times"' in html


def test_a_booking_post_costs_the_same_few_queries_for_two_hosts_or_six(client, hosts, intake_site):
    """A post that books its time (issue 22's bar: p95 ≤ 60 ms at 16 connections) reads the hosts
    once (them, their hours, their time off, their bookings) and holds the time in three more
    (the host, its bookings again under the lock, the new booking): seven, the same for any
    number of hosts. A booking writes no row of Wagtail's reference index (its host and enquiry
    are not content that pages link to)."""

    def queries():
        _slot, value = first_free()
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/contact/intake/", intake_post_data(consultation_time=value))
        assert response.status_code == 302, response.content.decode()[:2000]
        sql = [query["sql"] for query in captured.captured_queries]
        assert not [statement for statement in sql if "wagtailcore_referenceindex" in statement]
        return [statement for statement in sql if '"booking_' in statement]

    two = queries()
    for index in range(4):
        host = ConsultationHost.objects.create(
            clinician=ClinicianPageFactory(parent=intake_site.team, slug=f"more-{index}")
        )
        WeeklyWindow.objects.create(host=host, weekday=index, starts_at=time(9), ends_at=time(12))
    six = queries()
    assert len(two) == len(six) == 7, "\n".join(six)
    assert Booking.objects.live().count() == 2


def post_queries(client, **answers):
    """The SQL of one consultation request post that books the first free time (a 302)."""
    _slot, value = first_free()
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/contact/intake/", intake_post_data(consultation_time=value, **answers))
    assert response.status_code == 302, response.content.decode()[:2000]
    return [query["sql"] for query in captured.captured_queries]


def test_a_booking_post_reads_the_private_sections_once_per_content_generation(client, hosts, intake_site):
    """A visitor's post reads the site's structure (which sections are private) from the store of
    the content generation, as a visitor's page does (siteplatform/structure.py): its service and
    clinician choices cost no query of the view restrictions each."""
    client.get("/contact/intake/")
    sql = post_queries(client, service=intake_site.anxiety.slug)
    assert not [statement for statement in sql if "wagtailcore_pageviewrestriction" in statement]


def test_a_service_made_private_is_refused_in_a_post_at_once(client, hosts, intake_site):
    """The store is of the content generation: a section made private starts a new one, so a post
    naming a service in it is refused from then on."""
    client.get("/contact/intake/")
    intake_site.anxiety.view_restrictions.create(restriction_type="password", password="secret")  # noqa: S106
    response = client.post("/contact/intake/", intake_post_data(service=intake_site.anxiety.slug))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_a_booking_post_without_a_reminder_looks_for_none_once_committed(
    client, hosts, django_capture_on_commit_callbacks
):
    """Once the request is committed its emails are queued; the call booked with it is known by
    then, so a call without a reminder costs no search for one (a ticked reminder is queued:
    tests/contact/test_call_reminders.py)."""
    _slot, value = first_free()
    with CaptureQueriesContext(connection) as captured:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/contact/intake/", intake_post_data(consultation_time=value))
    assert response.status_code == 302, response.content.decode()[:2000]
    sql = [query["sql"] for query in captured.captured_queries]
    assert [statement for statement in sql if "django_tasks" in statement]  # the staff notification
    assert not [statement for statement in sql if '"booking_booking"."reminder_state"' in statement]


def test_a_booking_post_costs_a_fixed_few_queries_in_all(
    client, hosts, intake_site, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """issue 22's post bar: a post that books its time, its service checked, with what runs once
    it is committed (the staff notification queued). What each query is for: the service; the
    hosts, their hours, their time off and their calls near the time; the request's two rows;
    the host and its calls again under the write lock, and the booking; the notification's task.
    The rest are the savepoints of the test's transaction."""
    client.get("/contact/intake/")
    _slot, value = first_free()
    data = intake_post_data(consultation_time=value, service=intake_site.anxiety.slug)
    with django_assert_max_num_queries(17):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/contact/intake/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
