"""What a client with a booked call receives (issue 22): the confirmation with the call's time in
Eastern Time, a link to cancel or move it and `call.ics`, the reminder the day before, and a
notice with a new `call.ics` when the call is moved or cancelled; nothing that names the kind
of practice, the service, the host, or what she wrote."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from booking import links
from booking.models import Booking
from booking.services import cancel, move
from contact.models import Submission
from contact.notifications import notification_deliver
from practice.demo.content import APPROACHES, CLINICIANS, SERVICES
from tests.booking.conftest import MONDAY, host_with_hours
from tests.contact.factories import ConsultationRequestFactory
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db

State = Submission.NotificationState
TUESDAY_NOON = datetime(2027, 1, 12, 17, tzinfo=UTC)  # 12:00 Eastern Time
CLIENT = ("Mei", "Private-Name", "UNIQUE-NOTE-MARKER", "201-555-0123")
WORDS_THAT_TELL = (
    "therapy",
    "therapist",
    "counsel",
    "psycho",
    "mental",
    *(service["title"] for service in SERVICES),
    *(clinician["title"] for clinician in CLINICIANS),
    *(specialty for clinician in CLINICIANS for specialty in clinician["specialties"]),
    *(approach if isinstance(approach, str) else approach[0] for approach in APPROACHES),
)


@pytest.fixture
def host(site_tree):
    """Grace Kim, a clinician whose specialties the demo lists, takes the call."""
    return host_with_hours(
        clinician=ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim")
    )


def booked_request(host, *, start=TUESDAY_NOON, language="en", reminder=""):
    request = ConsultationRequestFactory(
        preferred_name="Mei Private-Name",
        email="mei.private@example.com",
        phone="201-555-0123",
        note="UNIQUE-NOTE-MARKER",
        service_title=SERVICES[1]["title"],
        clinician_name="Grace Kim",
        email_consent_at=timezone.now(),
        confirmation_state=State.PENDING,
        language=language,
    )
    booking = Booking.objects.create(
        host=host,
        starts_at=start,
        ends_at=start + timedelta(minutes=15),
        submission=request,
        reminder_state=reminder,
    )
    return request, booking


def invitation_of(message):
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("call.ics", "text/calendar")
    return Calendar.from_ical(content)


def manage_link(text):
    return re.search(r"http://testserver(/(?:\w\w/)?contact/call/[^/\s]+/)", text)


def test_the_confirmation_says_when_the_call_is_in_eastern_time_with_a_link_to_cancel_or_move_it(
    host, mailoutbox
):
    request, booking = booked_request(host)
    assert notification_deliver.call("visitor", request.pk) is True
    [message] = mailoutbox
    assert message.to == ["mei.private@example.com"]
    assert message.from_email.startswith("WR Wellness <")
    assert message.subject == "Your call on Tuesday, January 12 at noon Eastern Time"
    assert "free 15-minute call is booked for Tuesday, January 12 at noon Eastern Time" in message.body
    assert "no reason needed" in message.body and "988" in message.body
    path = manage_link(message.body)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert links.booking_for_token(token, now=TUESDAY_NOON - timedelta(days=1)) == booking


def test_the_calendar_file_holds_the_call_in_utc_titled_only_with_the_sender_name(host, mailoutbox):
    request, booking = booked_request(host)
    notification_deliver.call("visitor", request.pk)
    calendar = invitation_of(mailoutbox[0])
    assert calendar["METHOD"] == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == TUESDAY_NOON
    assert "DTSTART:20270112T170000Z" in mailoutbox[0].attachments[0][1]  # in UTC
    assert event.decoded("DTEND") == TUESDAY_NOON + timedelta(minutes=15)
    assert str(event["SUMMARY"]) == "Call with WR Wellness"
    assert str(event["URL"]) == "http://testserver" + manage_link(mailoutbox[0].body)[1]
    assert str(event["URL"]) in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == 0
    assert "ATTENDEE" not in event and "ORGANIZER" not in event and "LOCATION" not in event


def test_the_sender_setting_names_the_practice_in_the_calendar_too(host, mailoutbox):
    from contact.models import ContactSettings

    contact_settings = ContactSettings.load()
    contact_settings.visitor_sender_name = "Maple Street Office"
    contact_settings.save()
    request, _ = booked_request(host)
    notification_deliver.call("visitor", request.pk)
    [event] = invitation_of(mailoutbox[0]).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Call with Maple Street Office"
    assert mailoutbox[0].from_email.startswith("Maple Street Office <")


def test_the_calendar_entry_keeps_one_uid_per_enquiry_and_counts_moves(host, mailoutbox):
    request, first = booked_request(host)
    notification_deliver.call("visitor", request.pk)
    Booking.objects.filter(pk=first.pk).update(status=Booking.Status.MOVED)
    later = TUESDAY_NOON + timedelta(minutes=15)
    Booking.objects.create(
        host=host, starts_at=later, ends_at=later + timedelta(minutes=15), submission=request
    )
    Submission.objects.filter(pk=request.pk).update(confirmation_state=State.PENDING)
    notification_deliver.call("visitor", request.pk)
    [before] = invitation_of(mailoutbox[0]).walk("VEVENT")
    [after] = invitation_of(mailoutbox[1]).walk("VEVENT")
    assert str(before["UID"]) == str(after["UID"]) and "@testserver" in str(after["UID"])
    assert re.fullmatch(r"[0-9a-f]{32}@testserver", str(after["UID"]))  # reads as nothing
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART") == later


def test_nothing_the_client_receives_names_the_care_the_service_the_host_or_her_words(host, mailoutbox):
    request, booking = booked_request(
        host, start=timezone.now() + timedelta(hours=20), reminder=State.PENDING
    )
    notification_deliver.call("visitor", request.pk)
    notification_deliver.call("reminder", request.pk)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED, notice_state=State.PENDING)
    notification_deliver.call("notice", request.pk)
    assert len(mailoutbox) == 3
    for message in mailoutbox:
        received = [message.subject, message.body, message.from_email]
        received += [content for _, content, _ in message.attachments]
        for text in received:
            for word in (*WORDS_THAT_TELL, *CLIENT):
                assert word.lower() not in text.lower(), (word, message.subject)
        whole = message.message().as_string().replace("mei.private@example.com", "")  # the To header
        for word in (*WORDS_THAT_TELL, *CLIENT):
            assert word.lower() not in whole.lower(), (word, message.subject)


def test_the_confirmation_is_in_the_language_the_client_used(host, mailoutbox):
    request, _ = booked_request(host, language="ko")
    notification_deliver.call("visitor", request.pk)
    [message] = mailoutbox
    assert "동부 시간" in message.subject and "1월 12일" in message.subject
    assert "안녕하세요" in message.body
    assert manage_link(message.body)[1].startswith("/ko/contact/call/")
    [event] = invitation_of(message).walk("VEVENT")
    assert "WR Wellness" in str(event["SUMMARY"]) and str(event["SUMMARY"]) != "Call with WR Wellness"


def test_without_a_booked_time_the_receipt_is_unchanged(mailoutbox):
    request = ConsultationRequestFactory(
        email="mei.private@example.com", email_consent_at=timezone.now(), confirmation_state=State.PENDING
    )
    notification_deliver.call("visitor", request.pk)
    [message] = mailoutbox
    assert message.subject == "Your message to us" and "received your request" in message.body
    assert not message.attachments


def test_the_reminder_says_when_the_call_is_and_how_to_cancel_or_move_it(host, mailoutbox):
    start = (timezone.now() + timedelta(hours=20)).replace(second=0, microsecond=0)
    request, booking = booked_request(host, start=start, reminder=State.PENDING)
    assert notification_deliver.call("reminder", request.pk) is True
    [message] = mailoutbox
    assert message.subject.startswith("Reminder: your call on ") and "Eastern Time" in message.subject
    assert message.to == ["mei.private@example.com"]
    assert manage_link(message.body) and "no reason needed" in message.body
    booking.refresh_from_db()
    assert (booking.reminder_state, booking.reminder_attempts) == (State.SENT, 1)


# Moved and cancelled calls ---------------------------------------------------------------------


def booked_and_confirmed(host, mailoutbox, **fields):
    request, booking = booked_request(host, **fields)
    notification_deliver.call("visitor", request.pk)
    [confirmation] = mailoutbox
    mailoutbox.clear()
    return request, booking, confirmation


def test_a_moved_call_sends_its_new_time_with_a_calendar_file_that_replaces_the_first(
    host, mailoutbox, django_capture_on_commit_callbacks
):
    request, booking, confirmation = booked_and_confirmed(host, mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        moved = move(booking, start=TUESDAY_NOON + timedelta(minutes=15), now=MONDAY)
    [task] = DBTaskResult.objects.filter(task_path="contact.notifications.notification_deliver")
    assert task.args_kwargs["kwargs"] == {"message": "notice", "submission_id": request.pk}
    assert notification_deliver.call("notice", request.pk) is True
    [notice] = mailoutbox
    assert notice.subject == "Your call on Tuesday, January 12 at 12:15 p.m. Eastern Time"
    assert "moved to Tuesday, January 12 at 12:15 p.m. Eastern Time" in notice.body
    assert manage_link(notice.body)
    [first] = invitation_of(confirmation).walk("VEVENT")
    [update] = invitation_of(notice).walk("VEVENT")
    assert str(update["UID"]) == str(first["UID"]) and update["SEQUENCE"] > first["SEQUENCE"]
    assert update.decoded("DTSTART") == moved.starts_at
    assert notification_deliver.call("notice", request.pk) is True and len(mailoutbox) == 1  # once


def test_a_cancelled_call_sends_a_calendar_file_that_removes_it(host, mailoutbox):
    request, booking, confirmation = booked_and_confirmed(host, mailoutbox)
    assert cancel(booking)
    assert notification_deliver.call("notice", request.pk) is True
    [notice] = mailoutbox
    assert notice.subject == "Cancelled: your call on Tuesday, January 12 at noon Eastern Time"
    assert not manage_link(notice.body)  # nothing left to cancel or move
    calendar = invitation_of(notice)
    [first] = invitation_of(confirmation).walk("VEVENT")
    [removal] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL" and removal["STATUS"] == "CANCELLED"
    assert str(removal["UID"]) == str(first["UID"]) and removal["SEQUENCE"] > first["SEQUENCE"]


def test_no_notice_goes_to_a_client_who_did_not_ask_to_be_emailed(host, mailoutbox):
    request, booking = booked_request(host)
    Submission.objects.filter(pk=request.pk).update(confirmation_state="")
    cancel(booking)
    assert notification_deliver.call("notice", request.pk) is False
    assert mailoutbox == []
