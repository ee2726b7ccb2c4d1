"""The calendar file (`call.ics`) sent with a call's confirmation: the call and nothing about who.

A phone or a shared calendar shows it to whoever looks, so it holds the call's time in UTC, a
summary naming the practice as its neutral sender does ("Call with WR Wellness"), and the link to
cancel or move the call; never the client's name or words, the host, or what kind of practice
it is. The caller writes the words, in the client's language.

Calendar apps recognise a moved call as the same event: the UID names the enquiry (through a
keyed digest, so it reads as nothing) and SEQUENCE counts the moves, so each new file replaces
the one before; a cancelled call's file says METHOD:CANCEL.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.crypto import salted_hmac
from icalendar import Calendar, Event

from booking.models import Booking

FILENAME = "call.ics"
MIMETYPE = "text/calendar"
PRODID = "-//Website//Call//EN"


def call_uid(booking, url):
    """The same for every booking of one enquiry (a move keeps it), on the site's domain."""
    name = str(booking.submission_id or f"b{booking.pk}")
    digest = salted_hmac("booking.invitations.uid", name, algorithm="sha256").hexdigest()
    return f"{digest[:32]}@{urlsplit(url).hostname or 'localhost'}"


def call_sequence(booking):
    """How many times the enquiry's call was moved before this booking was made."""
    if booking.submission_id is None:
        return 0
    return Booking.objects.filter(
        submission_id=booking.submission_id, status=Booking.Status.MOVED, pk__lt=booking.pk
    ).count()


def call_invitation(booking, *, summary, url, description, now=None):
    """The .ics text of `booking`: METHOD:PUBLISH while booked, METHOD:CANCEL once cancelled."""
    cancelled = booking.status == Booking.Status.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", call_uid(booking, url))
    event.add("sequence", call_sequence(booking) + (1 if cancelled else 0))
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", booking.starts_at.astimezone(UTC))
    event.add("dtend", booking.ends_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical().decode()
