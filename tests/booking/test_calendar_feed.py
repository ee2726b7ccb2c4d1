"""A host's private calendar feed: what Google, Apple or Outlook Calendar shows, and nothing more."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from booking.models import Booking
from booking.services import cancel, feed_token_ensure, feed_token_reset, move
from tests.booking.conftest import host_with_hours
from tests.contact.factories import ConsultationRequestFactory
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db

# The demo's first sample enquiry (contact/demo.py), as a coordinator would see it.
NAME, PHONE, EMAIL = "Jordan (sample)", "201-555-0142", "jordan.sample@example.com"
NOTE = "Sample request: evenings after six work best."


def soon(days, hour=17):
    """A call `days` from today at `hour`:00 UTC (the feed is read at the real now)."""
    today = timezone.now().astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return today.replace(hour=hour) + timedelta(days=days)


def booked(host, start, **enquiry):
    submission = ConsultationRequestFactory(
        preferred_name=NAME, phone=PHONE, email=EMAIL, note=NOTE, **enquiry
    )
    return Booking.objects.create(
        host=host, starts_at=start, ends_at=start + timedelta(minutes=15), submission=submission
    )


@pytest.fixture
def host(site_tree):
    return host_with_hours(clinician=ClinicianPageFactory(parent=site_tree.team, title="Grace Kim"))


def feed_url(host):
    return reverse("booking_calendar:feed", args=[feed_token_ensure(host)])


def events(response):
    assert response.status_code == 200
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_address_is_outside_the_language_prefixes_and_carries_a_long_token(host):
    url = feed_url(host)
    assert url.startswith("/calendar/") and url.endswith(".ics")
    assert len(host.feed_token) >= 40
    assert feed_token_ensure(host) == host.feed_token  # made once, on demand


def test_each_call_reads_consultation_number_and_channel_with_utc_times_and_a_link_to_the_enquiry(
    client, host
):
    phone = booked(host, soon(2), preferred_channel="phone")
    text = booked(host, soon(3), preferred_channel="text")
    entries = events(client.get(feed_url(host)))
    assert [str(e["SUMMARY"]) for e in entries] == [
        f"Consultation #{phone.submission_id} (phone)",
        f"Consultation #{text.submission_id} (text)",
    ]
    first = entries[0]
    assert first["DTSTART"].dt == phone.starts_at and first["DTSTART"].dt.utcoffset() == timedelta(0)
    assert first.to_ical().decode().count(f"DTSTART:{phone.starts_at:%Y%m%dT%H%M%S}Z") == 1
    assert first["DTEND"].dt == phone.ends_at
    assert str(first["URL"]) == f"http://testserver/admin/enquiries/inspect/{phone.submission_id}/"


def test_the_feed_names_no_one_and_says_nothing_the_enquiry_said(client, host):
    booked(host, soon(2))
    body = client.get(feed_url(host)).content.decode()
    for personal in (NAME, "Jordan", PHONE, "2015550142", EMAIL, NOTE, "Grace Kim"):
        assert personal not in body
    assert "therapy" not in body.lower() and "We Rise" not in body


def test_uids_stay_the_same_from_one_fetch_to_the_next(client, host):
    booked(host, soon(2))
    url = feed_url(host)
    assert [e["UID"] for e in events(client.get(url))] == [e["UID"] for e in events(client.get(url))]


def test_cancelled_and_moved_calls_leave_the_feed(client, host):
    staying, cancelled, moving = booked(host, soon(2)), booked(host, soon(3)), booked(host, soon(4))
    cancel(cancelled)
    Booking.objects.filter(pk=moving.pk).update(status=Booking.Status.MOVED)
    summaries = [str(e["SUMMARY"]) for e in events(client.get(feed_url(host)))]
    assert summaries == [f"Consultation #{staying.submission_id} (phone)"]


def test_a_moved_call_shows_at_its_new_time_only(client, host):
    tuesday = datetime(2027, 1, 12, 17, tzinfo=UTC)
    monday = datetime(2027, 1, 11, 14, tzinfo=UTC)
    call = booked(host, tuesday)
    moved = move(call, start=tuesday + timedelta(minutes=15), now=monday)
    host.horizon_days = 60  # January 2027 is within reach of the real clock's horizon
    host.save()
    starts = [e["DTSTART"].dt for e in events(client.get(feed_url(host))) if e["DTSTART"].dt.year == 2027]
    assert starts == [moved.starts_at]


def test_calls_of_other_hosts_and_long_past_calls_are_not_in_the_feed(client, host, django_user_model):
    other = host_with_hours(user=django_user_model.objects.create_user("coordinator"))
    booked(other, soon(2))
    booked(host, soon(-40))
    recent = booked(host, soon(-2))
    assert [str(e["SUMMARY"]) for e in events(client.get(feed_url(host)))] == [
        f"Consultation #{recent.submission_id} (phone)"
    ]


def test_the_feed_is_private_and_never_stored(client, host, settings):
    settings.PAGE_CACHE_SECONDS = 300
    booked(host, soon(2))
    url = feed_url(host)
    first = client.get(url)
    assert first["Content-Type"].startswith("text/calendar")
    assert first["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in first and not first.cookies
    cancel(Booking.objects.get())
    second = client.get(url)
    assert second.get("X-Cache") != "HIT" and not events(second)


def test_a_reset_address_answers_404_exactly_like_one_that_never_existed(client, host):
    booked(host, soon(2))
    old_token = feed_token_ensure(host)
    old = feed_url(host)
    feed_token_reset(host)
    revoked = client.get(old)
    unknown = client.get(reverse("booking_calendar:feed", args=["x" * len(old_token)]))
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.content == unknown.content.replace(b"x" * len(old_token), old_token.encode())
    assert b"Consultation" not in revoked.content
    assert events(client.get(feed_url(host)))  # the new address works at once


def test_the_feed_costs_the_same_queries_for_one_call_or_many(client, host, django_assert_max_num_queries):
    booked(host, soon(2))
    url = feed_url(host)
    # The site's lookup (two, as for any request), the host by its token, its calls.
    with django_assert_max_num_queries(4):
        client.get(url)
    for day in range(3, 12):
        booked(host, soon(day))
    with django_assert_max_num_queries(4):
        assert len(events(client.get(url))) == 10


# -- On the host's admin page ------------------------------------------------------------------


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", password="pw")
    user.groups.add(Group.objects.get(name="Intake coordinators"))
    return user


def test_intake_staff_make_a_hosts_feed_address_and_see_it_on_the_hosts_page(client, coordinator, host):
    client.force_login(coordinator)
    edit = reverse("consultation_hosts:edit", args=[host.pk])
    assert "Make a feed address" in client.get(edit).content.decode()
    make = reverse("consultation_hosts:feed_reset", args=[host.pk])
    assert "Make the feed address" in client.get(make).content.decode()
    made = client.post(make)
    assert made["Location"] == edit + "#panel-calendar_feed-section"  # back to the address
    host.refresh_from_db()
    page = client.get(edit).content.decode()
    assert f'value="http://testserver/calendar/{host.feed_token}.ics"' in page
    assert "Reset the feed address" in page and "Copy the feed address" in page


def test_resetting_the_address_asks_first_then_revokes_the_old_one_and_is_logged(client, coordinator, host):
    booked(host, soon(2))
    old = feed_url(host)
    client.force_login(coordinator)
    reset = reverse("consultation_hosts:feed_reset", args=[host.pk])
    assert "Yes, reset the feed address" in client.get(reset).content.decode()
    assert client.get(old).status_code == 200  # asking changes nothing
    client.post(reset)
    host.refresh_from_db()
    assert client.get(old).status_code == 404
    assert events(client.get(reverse("booking_calendar:feed", args=[host.feed_token])))
    entry = ModelLogEntry.objects.get(action="booking.feed_reset")
    assert entry.user == coordinator and entry.object_id == str(host.pk)


def test_editors_never_see_or_reset_a_feed_address(client, django_user_model, host):
    editor = django_user_model.objects.create_user("editor", password="pw")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    token = feed_token_ensure(host)
    client.force_login(editor)
    reset = reverse("consultation_hosts:feed_reset", args=[host.pk])
    assert client.get(reset).status_code == 403 and client.post(reset).status_code == 403
    assert token not in client.get(reverse("consultation_hosts:edit", args=[host.pk])).content.decode()
    host.refresh_from_db()
    assert host.feed_token == token
