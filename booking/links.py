"""The link in a confirmation that lets the client cancel or move the call, with no account.

The token is signed with SECRET_KEY (Django's signing) and names the enquiry, not the booking, so
the first email's link still finds the call after a move; it expires when the call it was
written for ends, or later when the call was moved (at most LONGEST_MOVE later), and stops at a
cancelled call.
It carries no name and no time in clear, and the access log never records it (deploy/gunicorn.conf.py).
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from booking.models import Booking

SALT = "booking.manage"
LONGEST_MOVE = timedelta(days=60)  # a link outlives its first call by at most this, through moves


class BadLink(Exception):
    """The link is forged, cut short, expired, or its call is no longer booked."""


class LinkExpired(BadLink):
    """A genuine link whose call has passed (or whose time to move it ran out)."""


class CallCancelled(BadLink):
    """A genuine link whose call was cancelled."""


def signer():
    # Not timestamped: the token carries its own expiry, and every email of one call names one link.
    return signing.Signer(salt=SALT)


def manage_token(booking):
    """The token of `booking`'s link, valid until the call ends."""
    return signer().sign_object([booking.submission_id, int(booking.ends_at.timestamp())])


def manage_path(booking):
    """The link's path in the active language (/contact/call/<token>/ or /ko/contact/call/…)."""
    return reverse("booking:manage", args=[manage_token(booking)])


def booking_for_token(token, *, now=None):
    """The live booking `token` manages. Raises BadLink: LinkExpired once its call has passed,
    CallCancelled for a cancelled call, BadLink itself for a forged link or a purged enquiry."""
    try:
        submission_id, until = signer().unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink from error
    now = now or timezone.now()
    if now.timestamp() > until + LONGEST_MOVE.total_seconds():
        raise LinkExpired
    # Only an enquiry's call has a link; None would find calls booked without one.
    shown = Booking.objects.for_enquiry(submission_id) if submission_id is not None else None
    if shown is None:
        raise BadLink
    if now >= shown.ends_at:
        raise LinkExpired
    if shown.status != Booking.Status.LIVE:
        raise CallCancelled
    return shown
