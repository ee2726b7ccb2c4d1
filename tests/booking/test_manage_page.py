"""The client's own page for a booked call, at the link in the confirmation (issue 22): the call's
time, cancel or move it with no reason asked, one booking whatever is clicked twice, and a clear
page for a link that no longer works. Nothing on it names the client."""

import re
import runpy
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from gunicorn.config import Config

from booking import links
from booking.forms import time_value
from booking.models import Booking, ConsultationHost, WeeklyWindow
from booking.services import book, free_times
from contact.models import ConsultationRequest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRIVATE_NAME = "Mei Private-Name"
PRIVATE_NOTE = "UNIQUE-NOTE-MARKER"


def every_day(host):
    for weekday in range(7):
        WeeklyWindow.objects.create(host=host, weekday=weekday, starts_at=time(9), ends_at=time(17))
    return host


@pytest.fixture
def coordinator_host(site_tree, django_user_model):
    """The intake coordinator: takes calls every day, 9:00 to 17:00 Eastern Time."""
    return every_day(
        ConsultationHost.objects.create(user=django_user_model.objects.create_user("coordinator"))
    )


@pytest.fixture
def enquiry(db):
    return ConsultationRequest.objects.create(
        preferred_name=PRIVATE_NAME, email="mei@example.org", note=PRIVATE_NOTE
    )


def book_first_free(host, enquiry=None):
    slot = free_times([host])[0]
    return book(host=host, start=slot.start, submission=enquiry)


@pytest.fixture
def call(coordinator_host, enquiry):
    return book_first_free(coordinator_host, enquiry)


def time_values(html):
    return re.findall(r'name="consultation_time" value="(\d{8}T\d{4}Z)"', html)


def page_url(booking):
    return links.manage_path(booking)


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_link_shows_the_calls_time_in_eastern_time_with_the_practice_and_never_the_clients_name(
    client, call
):
    response = client.get(page_url(call))
    assert response.status_code == 200
    main = main_of(response)
    local = timezone.localtime(call.starts_at, timezone.get_default_timezone())
    assert local.strftime("%B %-d") in main
    assert "Eastern Time" in main and "with the practice" in main
    assert "coordinator" not in main
    html = response.content.decode()
    assert PRIVATE_NAME not in html and PRIVATE_NOTE not in html and "mei@example.org" not in html


def test_a_call_with_a_clinician_names_her_as_the_request_form_does(client, site_tree, enquiry):
    from tests.factories import ClinicianPageFactory

    grace = ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim")
    booking = book_first_free(every_day(ConsultationHost.objects.create(clinician=grace)), enquiry)
    assert f"with {grace.display_name}" in main_of(client.get(page_url(booking)))


def test_the_page_is_never_cached_indexed_or_named_in_a_referrer_in_any_language(client, call):
    """Its referrer policy sends the site's origin at most, never the path with the token (a
    browser under `no-referrer` would post the forms with `Origin: null`, which CSRF refuses)."""
    token = links.manage_token(call)
    for url in (
        page_url(call),
        f"/ko/contact/call/{token}/",
        f"/hi/contact/call/{token}/",
        "/contact/call/forged/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, url
        assert response["Referrer-Policy"] == "strict-origin", url
        assert response["X-Robots-Tag"] == "noindex", url


def test_the_page_is_in_korean_at_the_korean_address(client, call):
    response = client.get(f"/ko/contact/call/{links.manage_token(call)}/")
    html = response.content.decode()
    assert '<html lang="ko"' in html
    assert "통화" in main_of(response) and "Eastern Time" not in main_of(response)


def test_cancelling_takes_one_click_asks_no_reason_and_says_so_calmly(client, call):
    page = main_of(client.get(page_url(call)))
    cancel_form = re.search(r'(?s)<form[^>]*>(?:(?!</form>).)*value="cancel".*?</form>', page).group()
    assert re.findall(r"<(?:input|textarea|select)[^>]*>", cancel_form) == [
        re.search(r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>', cancel_form).group()
    ]
    response = client.post(page_url(call), {"action": "cancel"})
    assert response.status_code == 200
    main = main_of(response)
    assert "Your call is cancelled" in main
    assert 'href="/contact/intake/"' in main  # how to book again
    assert Booking.objects.get(pk=call.pk).status == Booking.Status.CANCELLED
    assert call.starts_at in [slot.start for slot in free_times()]


def test_a_second_click_on_cancel_changes_nothing_and_says_it_is_already_cancelled(client, call):
    client.post(page_url(call), {"action": "cancel"})
    again = client.post(page_url(call), {"action": "cancel"})
    assert again.status_code == 200
    assert "already cancelled" in main_of(again)
    assert Booking.objects.filter(submission=call.submission).count() == 1
    later = client.get(page_url(call))
    assert later.status_code == 410
    assert "cancelled" in main_of(later) and 'href="/contact/intake/"' in main_of(later)


def test_the_move_offers_the_same_hosts_free_times_by_day_and_a_link_to_more_days(client, call, site_tree):
    other = every_day(ConsultationHost.objects.create(user=type(call.host.user).objects.create_user("other")))
    Booking.objects.create(
        host=call.host,
        starts_at=call.starts_at + timedelta(hours=1),
        ends_at=call.ends_at + timedelta(hours=1),
    )
    html = client.get(page_url(call)).content.decode()
    offered = time_values(html)
    assert offered and offered == sorted(offered)
    assert time_value(call.starts_at) not in offered  # its own time is not a new one
    assert time_value(call.starts_at + timedelta(hours=1)) not in offered  # the host is busy then
    assert html.count('class="time-picker__day"') == 3
    assert 'href="?more=days#consultation-times"' in html
    assert "No time now" not in html
    more = client.get(page_url(call) + "?more=days").content.decode()
    assert len(time_values(more)) > len(offered)
    assert {slot.host_id for slot in free_times([other])} == {other.pk}  # the other host is free, unoffered
    assert not set(time_values(more)) - {time_value(slot.start) for slot in free_times([call.host])}


def test_moving_shows_the_page_again_at_the_new_time_after_a_redirect(client, call):
    new = free_times([call.host])[3]
    response = client.post(page_url(call), {"action": "move", "consultation_time": time_value(new.start)})
    assert response.status_code == 302
    assert response["Location"].startswith(page_url(call))
    shown = client.get(response["Location"])
    assert shown.status_code == 200
    assert "Your call is moved" in main_of(shown)
    live = Booking.objects.live().get(submission=call.submission)
    assert live.starts_at == new.start and live.host_id == call.host_id
    assert Booking.objects.get(pk=call.pk).status == Booking.Status.MOVED


def test_a_double_submitted_move_lands_on_the_moved_call(client, call):
    value = time_value(free_times([call.host])[2].start)
    first = client.post(page_url(call), {"action": "move", "consultation_time": value})
    second = client.post(page_url(call), {"action": "move", "consultation_time": value})
    assert first.status_code == second.status_code == 302
    assert client.get(second["Location"]).status_code == 200
    assert [time_value(b.starts_at) for b in Booking.objects.live().filter(submission=call.submission)] == [
        value
    ]


def test_a_time_taken_meanwhile_shows_the_nearest_free_times_and_leaves_the_call_as_it_was(client, call):
    taken = free_times([call.host])[4]
    Booking.objects.create(host=call.host, starts_at=taken.start, ends_at=taken.end)
    response = client.post(page_url(call), {"action": "move", "consultation_time": time_value(taken.start)})
    assert response.status_code == 409
    main = main_of(response)
    assert "That time was just taken" in main
    offered = time_values(main)
    assert offered and time_value(taken.start) not in offered and len(offered) <= 6
    assert Booking.objects.live().get(submission=call.submission).pk == call.pk


def test_moving_without_choosing_a_time_gets_a_field_message(client, call):
    response = client.post(page_url(call), {"action": "move"})
    assert response.status_code == 400
    assert "Please choose a new time." in main_of(response)
    assert Booking.objects.live().get(submission=call.submission).pk == call.pk


def test_a_forged_or_cut_short_link_gets_a_helpful_page_not_an_error(client, call):
    token = links.manage_token(call)
    for url in (f"/contact/call/{token[:-3]}abc/", "/contact/call/nonsense/", f"/ko/contact/call/{token}x/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert 'href="/contact/intake/"' in main_of(response) or 'href="/ko/contact/intake/"' in main_of(
            response
        )
        assert client.post(url, {"action": "cancel"}).status_code == 404
    assert Booking.objects.get(pk=call.pk).status == Booking.Status.LIVE


def test_the_link_of_a_call_that_has_passed_has_expired(client, coordinator_host, enquiry):
    yesterday = timezone.now() - timedelta(days=1)
    past = Booking.objects.create(
        host=coordinator_host,
        starts_at=yesterday,
        ends_at=yesterday + timedelta(minutes=15),
        submission=enquiry,
    )
    response = client.get(page_url(past))
    assert response.status_code == 410
    assert "expired" in main_of(response) and 'href="/contact/intake/"' in main_of(response)


def test_a_cancel_without_the_forms_csrf_token_is_refused_and_logged_without_the_token(call, caplog):
    with caplog.at_level("WARNING"):
        response = Client(enforce_csrf_checks=True).post(page_url(call), {"action": "cancel"})
    assert response.status_code == 403
    assert Booking.objects.get(pk=call.pk).status == Booking.Status.LIVE
    assert "/contact/call/.../" in caplog.text  # Django's own line about the refused post
    assert links.manage_token(call) not in caplog.text


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/contact/call/{token}/", "/contact/call/.../"),
        ("/ko/contact/call/{token}/", "/ko/contact/call/.../"),
        ("/calendar/{token}.ics", "/calendar/....ics"),
    ],
)
def test_the_access_log_line_of_a_secret_address_leaves_its_token_out(path, logged):
    """deploy/gunicorn.conf.py, as gunicorn formats a line (the live tier runs gunicorn itself)."""
    conf = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    logger = conf["AccessLogger"](Config())
    token = "WzEsMTc5Njc0NTYwMF0:1xaarC:SHUcmoRw1Wu-5cVOFZDj5CxVuOm3I3sPHlPlPI_BSZs"

    class Response:
        status, headers, sent, response_length = "200 OK", [], 0, 0

    class Request:
        headers = [("REFERER", "http://127.0.0.1" + path.format(token=token))]

    environ = {
        "PATH_INFO": path.format(token=token),
        "RAW_URI": path.format(token=token.replace(":", "%3A")),
        "REMOTE_ADDR": "127.0.0.9",
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = logger.atoms(Response(), Request(), environ, timedelta(milliseconds=1))
    assert f'"GET {logged} HTTP/1.1" 200' in conf["access_log_format"] % atoms
    for format_ in ("%(r)s", "%({raw_uri}e)s", "%({referer}i)s", "%({path_info}e)s"):
        line = format_ % atoms
        assert "WzEsMTc5" not in line and "SHUcmo" not in line, line


def test_a_call_whose_host_offers_no_other_time_can_still_be_kept_or_cancelled(client, call):
    ConsultationHost.objects.filter(pk=call.host_id).update(active=False)
    main = main_of(client.get(page_url(call)))
    assert "No other time is free just now" in main and not time_values(main)
    assert 'value="cancel"' in main


def test_a_link_signed_for_a_call_without_an_enquiry_opens_no_call(client, coordinator_host):
    """Only enquiries' calls have links: a token naming none must not find a staff-made booking."""
    staff_made = book_first_free(coordinator_host)
    assert client.get(page_url(staff_made)).status_code == 404
