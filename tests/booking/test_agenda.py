"""The intake coordinator's agenda: the next 8 days of calls by day and host, and what she does
with a call (cancel, move, no answer), each logged in the enquiry's history under her name."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from booking.agenda import agenda
from booking.clock import PRACTICE_ZONE
from booking.forms import time_value
from booking.models import Booking
from booking.services import CallNotDue, book, free_times, mark_no_answer
from tests.booking.conftest import MONDAY, host_with_hours
from tests.contact.factories import ConsultationRequestFactory
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db

TUESDAY_NOON = datetime(2027, 1, 12, 17, tzinfo=UTC)  # 12:00 Eastern Time


@pytest.fixture
def grace(site_tree):
    return host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team, title="Grace Kim"))


@pytest.fixture
def anjali(site_tree):
    return host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team, title="Anjali Mehta"))


def call(host, start, channel="phone", minutes=15):
    enquiry = ConsultationRequestFactory(preferred_name="Jordan (sample)", preferred_channel=channel)
    return Booking.objects.create(
        host=host, starts_at=start, ends_at=start + timedelta(minutes=minutes), submission=enquiry
    )


def new_york(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PRACTICE_ZONE)


def today_in_new_york():
    return timezone.localtime(timezone.now(), PRACTICE_ZONE).date()


# -- Who may see it ----------------------------------------------------------------------------


def test_editors_who_are_not_intake_staff_get_no_agenda_and_no_action(client, editor, grace):
    booking = call(grace, new_york(today_in_new_york() + timedelta(days=1), 12))
    client.force_login(editor)
    for name in ("index", "cancel", "move", "no_answer"):
        args = [] if name == "index" else [booking.pk]
        assert client.get(reverse(f"booking_agenda:{name}", args=args)).status_code == 403, name
        if name != "index":
            assert client.post(reverse(f"booking_agenda:{name}", args=args)).status_code == 403, name
    assert Booking.objects.get().status == Booking.Status.LIVE
    assert "Agenda" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_intake_staff_find_the_agenda_in_the_consultations_menu(client, coordinator):
    client.force_login(coordinator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Agenda" in home and reverse("booking_agenda:index") in home
    assert client.get(reverse("booking_agenda:index")).status_code == 200


# -- What it shows -----------------------------------------------------------------------------


def test_the_agenda_holds_today_and_the_next_seven_days_on_the_practices_clock(grace):
    now = datetime(2027, 1, 12, 3, tzinfo=UTC)  # Monday Jan 11, 10 p.m. in New York
    late_monday = call(grace, new_york(date(2027, 1, 11), 23, 30))  # Tuesday 04:30 UTC
    last_day = call(grace, new_york(date(2027, 1, 18), 9))
    call(grace, new_york(date(2027, 1, 19), 9))  # the ninth day: not yet
    call(grace, new_york(date(2027, 1, 10), 23, 45))  # yesterday in New York
    days = agenda(now=now)
    assert [day.day for day in days] == [date(2027, 1, 11) + timedelta(days=n) for n in range(8)]
    assert days[0].label == "Monday, January 11"
    assert [c.pk for host in days[0].hosts for c in host.calls] == [late_monday.pk]
    assert [c.pk for host in days[-1].hosts for c in host.calls] == [last_day.pk]
    assert all(not day.hosts for day in days[1:-1])


def test_each_day_lists_its_hosts_by_name_with_their_calls_soonest_first(grace, anjali):
    tuesday = date(2027, 1, 12)
    later, sooner = call(grace, new_york(tuesday, 12, 30)), call(grace, new_york(tuesday, 12))
    other = call(anjali, new_york(tuesday, 15), channel="text")
    cancelled = call(anjali, new_york(tuesday, 16))
    cancelled.status = Booking.Status.CANCELLED
    cancelled.save()
    day = agenda(now=MONDAY)[1]
    assert [(host.name, [c.pk for c in host.calls]) for host in day.hosts] == [
        ("Anjali Mehta", [other.pk]),
        ("Grace Kim", [sooner.pk, later.pk]),
    ]
    assert day.hosts[0].calls[0].staff_title == f"Consultation #{other.submission_id} (text)"


def test_the_page_shows_each_call_by_number_and_channel_linked_to_its_enquiry_without_a_name(
    client, coordinator, grace
):
    tomorrow = today_in_new_york() + timedelta(days=1)
    booking = call(grace, new_york(tomorrow, 12))
    client.force_login(coordinator)
    html = client.get(reverse("booking_agenda:index")).content.decode()
    assert f"Consultation #{booking.submission_id} (phone)" in html
    assert reverse("enquiries:inspect", args=[booking.submission_id]) in html
    assert "Grace Kim" in html and "12:00 PM–12:15 PM" in html and "Eastern Time" in html
    assert "Jordan" not in html
    assert reverse("booking_agenda:cancel", args=[booking.pk]) in html
    assert reverse("booking_agenda:move", args=[booking.pk]) in html
    assert reverse("booking_agenda:no_answer", args=[booking.pk]) not in html  # not started yet


def test_the_agenda_costs_the_same_queries_for_one_call_or_many_hosts_and_calls(
    client, coordinator, site_tree, django_user_model, django_assert_max_num_queries
):
    tomorrow = today_in_new_york() + timedelta(days=1)
    call(host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team)), new_york(tomorrow, 9))
    client.force_login(coordinator)
    url = reverse("booking_agenda:index")
    client.get(url)  # the admin's first-visit work (menus, user profile) out of the count
    with django_assert_max_num_queries(15) as one:  # the admin's own (session, user, menus) and one
        client.get(url)
    for index in range(4):
        host = host_with_hours(user=django_user_model.objects.create_user(f"host{index}"))
        clinician = host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team))
        for offset in range(3):
            call(host, new_york(tomorrow + timedelta(days=offset), 10))
            call(clinician, new_york(tomorrow + timedelta(days=offset), 11))
    with django_assert_max_num_queries(len(one)):
        assert client.get(url).content.decode().count("Consultation #") >= 25


# -- What she does with a call -----------------------------------------------------------------


def history(booking, action):
    return ModelLogEntry.objects.filter(action=action, object_id=str(booking.submission_id))


def test_cancel_asks_first_then_frees_the_time_and_logs_it_under_her_name(client, coordinator, grace):
    booking = call(grace, new_york(today_in_new_york() + timedelta(days=1), 12))
    client.force_login(coordinator)
    url = reverse("booking_agenda:cancel", args=[booking.pk])
    page = client.get(url).content.decode()
    assert "Yes, cancel the call" in page and f"Consultation #{booking.submission_id}" in page
    assert Booking.objects.get().status == Booking.Status.LIVE  # asking changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("booking_agenda:index")
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert history(booking, "booking.cancelled").get().user == coordinator
    again = client.post(url, follow=True).content.decode()  # a second click
    assert "no longer booked" in again and history(booking, "booking.cancelled").count() == 1


def test_move_offers_the_hosts_free_times_and_moves_the_call_to_the_chosen_one(client, coordinator, grace):
    soonest = free_times([grace])[0].start
    booking = call(grace, soonest)
    client.force_login(coordinator)
    url = reverse("booking_agenda:move", args=[booking.pk])
    page = client.get(url).content.decode()
    offered = [slot.start for slot in free_times([grace])]
    assert time_value(offered[0]) in page and time_value(soonest) not in page
    response = client.post(url, {"consultation_time": time_value(offered[0])})
    assert response.status_code == 302
    live = Booking.objects.live().get()
    assert live.starts_at == offered[0] and live.submission_id == booking.submission_id
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.MOVED
    assert history(booking, "booking.moved").get().user == coordinator


def test_a_move_to_a_time_taken_meanwhile_keeps_the_call_and_says_so(client, coordinator, grace):
    first, second, third = (slot.start for slot in free_times([grace])[:3])
    booking = call(grace, first)
    client.force_login(coordinator)
    book(host=grace, start=second)  # a visitor takes it while the page is open
    response = client.post(
        reverse("booking_agenda:move", args=[booking.pk]), {"consultation_time": time_value(second)}
    )
    assert response.status_code == 409
    page = response.content.decode()
    # The client's own words and choice (booking.forms.MoveForm): the nearest free times.
    assert "That time was just taken. Here are the nearest free times." in page
    assert time_value(third) in page and time_value(second) not in page
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.LIVE


def test_no_answer_is_offered_once_the_call_has_started_and_ends_it_for_good(client, coordinator, grace):
    started = call(grace, timezone.now() - timedelta(minutes=5))
    client.force_login(coordinator)
    assert (
        reverse("booking_agenda:no_answer", args=[started.pk])
        in client.get(reverse("booking_agenda:index")).content.decode()
    )
    url = reverse("booking_agenda:no_answer", args=[started.pk])
    assert "Yes, nobody answered" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Booking.objects.get().status == Booking.Status.NO_ANSWER
    assert history(started, "booking.no_answer").get().user == coordinator
    enquiry_history = client.get(reverse("enquiries:history", args=[started.submission_id])).content.decode()
    assert "Call not answered" in enquiry_history and "Dana" in enquiry_history
    html = client.get(reverse("booking_agenda:index")).content.decode()
    assert "No answer" in html and reverse("booking_agenda:cancel", args=[started.pk]) not in html


def test_an_unanswered_calls_time_is_not_offered_again(grace):
    booking = book(host=grace, start=TUESDAY_NOON, submission=ConsultationRequestFactory(), now=MONDAY)
    with pytest.raises(CallNotDue):
        mark_no_answer(booking, now=TUESDAY_NOON - timedelta(minutes=1))
    assert mark_no_answer(booking, now=TUESDAY_NOON + timedelta(minutes=10)) is True
    assert TUESDAY_NOON not in [slot.start for slot in free_times(now=MONDAY)]
    assert mark_no_answer(booking, now=TUESDAY_NOON + timedelta(minutes=10)) is False
