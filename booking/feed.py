"""Each host's private calendar feed (iCalendar), which Google, Apple or Outlook Calendar subscribe to.

The address is /calendar/<token>.ics, with a long random token per host (booking.services makes
and resets it); whoever holds it sees that host's calls, so an entry says only what a lock screen
may show: "Consultation #123 (phone)" (the enquiry's number and how the call happens), and links
to the enquiry in the admin, where staff sign in to read the rest. No name, phone, email, message
or the practice's name (rule 9: nothing a device shows names therapy).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from booking.models import Booking

PAST = timedelta(days=30)  # calls this far back stay in the feed, so a calendar keeps recent history
PRODUCT = "-//Practice website//Consultations//EN"
CALENDAR_NAME = "Consultations"
# The enquiry's page in the admin (the contact app's inbox), named here only as a URL.
ENQUIRY_ADMIN_URL_NAME = "enquiries:inspect"


def feed_bookings(host, *, now=None):
    """The host's calls from PAST ago to the end of the booking horizon, soonest first: live
    calls and unanswered ones (cancelled and moved calls leave the feed). One query."""
    now = now or timezone.now()
    return list(
        Booking.objects.holding()
        .for_staff()
        .filter(host=host, ends_at__gt=now - PAST, starts_at__lt=now + timedelta(days=host.horizon_days + 1))
        .order_by("starts_at", "pk")
    )


def summary(booking):
    """ "Consultation #123 (phone)", and ": no answer" once nobody answered."""
    text = booking.staff_title
    if booking.status == Booking.Status.NO_ANSWER:
        text += ": no answer"
    return text


def enquiry_admin_url(booking):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse(ENQUIRY_ADMIN_URL_NAME, args=[booking.submission_id])


def calendar_bytes(host, *, now=None):
    """The host's feed as iCalendar bytes: one VEVENT per call, with a UID that stays the same
    for as long as the call does (a moved call is a new booking, so a new event), times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for booking in feed_bookings(host, now=now):
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{feed_domain()}")
        event.add("dtstamp", booking.created_at)
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        event.add("summary", summary(booking))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        if booking.submission_id:
            url = enquiry_admin_url(booking)
            event.add("url", url)
            event.add("description", url)  # Google Calendar shows the description, not URL
        calendar.add_component(event)
    return calendar.to_ical()


def feed_domain():
    """The host name in every UID, so UIDs stay unique among the calendars a person follows."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
