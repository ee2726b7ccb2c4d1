"""The emails about a booked call: the client's confirmation, with the call's time and its
calendar file; the reminder the day before when she asked for one; and the notice that it was
moved (a new calendar file, which replaces the first) or cancelled (one that removes it).

Both go to a client who consented to email, from the neutral sender, in the language she used
the site in. Anyone may see her inbox or her calendar, so they name the practice only as the
sender setting does ("Call with WR Wellness"), never the kind of care, the service or who
hosts the call, and repeat nothing she wrote. Each carries the signed link to cancel or move the
call (booking.links), with no reason asked. `contact.notifications` sends them.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from booking import links
from booking.clock import PRACTICE_ZONE, practice_zone_name
from booking.invitations import FILENAME, MIMETYPE, call_invitation
from booking.models import Booking
from contact.emails import visitor_closing, visitor_confirmation_message, visitor_from_email
from contact.models import ContactSettings


def site_url(path):
    """`path` on the site's public address (SITE_URL, else the address the admin links use)."""
    return (settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def call_time_display(booking):
    """ "Tuesday, January 12 at 12:00 PM Eastern Time", on the practice's clock, in the active
    language (the day as the time picker showed it)."""
    local = timezone.localtime(booking.starts_at, PRACTICE_ZONE)
    day = f"{formats.date_format(local, 'l')}, {formats.date_format(local, 'MONTH_DAY_FORMAT')}"
    return gettext("%(day)s at %(time)s %(zone)s") % {
        "day": day,
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": practice_zone_name(),
    }


def call_summary(contact_settings):
    """The calendar entry's title: the practice as its neutral sender name says it."""
    return gettext("Call with %(name)s") % {"name": contact_settings.visitor_sender_name}


def call_invitation_text(booking, *, contact_settings, manage_url):
    """`call.ics` for `booking`, in the active language."""
    return call_invitation(
        booking,
        summary=call_summary(contact_settings),
        url=manage_url,
        description=gettext("To cancel or move this call: %(url)s") % {"url": manage_url},
    )


def _manage_lines(manage_url):
    return [gettext("To cancel or move the call, with no reason needed, use this link:"), manage_url, ""]


def visitor_message(submission):
    """The visitor's confirmation: for a request with a booked call, the call's confirmation;
    otherwise the generic receipt (contact.emails)."""
    booking = Booking.objects.live().filter(submission_id=submission.pk).first()
    if booking is None:
        return visitor_confirmation_message(submission)
    return call_confirmation_message(submission, booking)


def call_confirmation_message(submission, booking):
    """Says when the call is, how to cancel or move it, and attaches `call.ics`."""
    if not submission.email:
        raise RuntimeError("The visitor left no email address.")
    contact_settings = ContactSettings.load()
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        manage_url = site_url(links.manage_path(booking))
        when = call_time_display(booking)
        minutes = (booking.ends_at - booking.starts_at).seconds // 60
        body = [
            gettext("Hello,"),
            "",
            gettext("Your free %(minutes)s-minute call is booked for %(when)s. We will call you then.")
            % {"minutes": minutes, "when": when},
            "",
            *_manage_lines(manage_url),
            gettext("The attached file adds the call to your calendar."),
            "",
            *visitor_closing(contact_settings),
        ]
        subject = gettext("Your call on %(when)s") % {"when": when}
        invitation = call_invitation_text(booking, contact_settings=contact_settings, manage_url=manage_url)
    return _visitor_email(submission, contact_settings, subject=subject, body=body, invitation=invitation)


def call_reminder_message(booking):
    """The reminder of `booking`'s call, sent the day before: when, and how to cancel or move."""
    submission = booking.submission
    if not submission.email:
        raise RuntimeError("The visitor left no email address.")
    contact_settings = ContactSettings.load()
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        when = call_time_display(booking)
        body = [
            gettext("Hello,"),
            "",
            gettext("This is a reminder of your free call on %(when)s. We will call you then.")
            % {"when": when},
            "",
            *_manage_lines(site_url(links.manage_path(booking))),
            *visitor_closing(contact_settings),
        ]
        subject = gettext("Reminder: your call on %(when)s") % {"when": when}
    return _visitor_email(submission, contact_settings, subject=subject, body=body)


def call_notice_message(booking):
    """After a move, the new time with a fresh `call.ics` (same UID, higher SEQUENCE); after a
    cancellation, a `call.ics` that removes the call from her calendar (METHOD:CANCEL)."""
    submission = booking.submission
    if not submission.email:
        raise RuntimeError("The visitor left no email address.")
    contact_settings = ContactSettings.load()
    cancelled = booking.status == Booking.Status.CANCELLED
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        when = call_time_display(booking)
        manage_url = site_url(links.manage_path(booking))
        if cancelled:
            subject = gettext("Cancelled: your call on %(when)s") % {"when": when}
            news = [
                gettext(
                    "Your call on %(when)s is cancelled. You can send a new request on our website at any time."
                )
                % {"when": when},
                "",
                gettext("The attached file removes the call from your calendar."),
            ]
        else:
            subject = gettext("Your call on %(when)s") % {"when": when}
            news = [
                gettext("Your call is moved to %(when)s. We will call you then.") % {"when": when},
                "",
                *_manage_lines(manage_url),
                gettext("The attached file moves the call in your calendar."),
            ]
        body = [gettext("Hello,"), "", *news, "", *visitor_closing(contact_settings)]
        invitation = call_invitation_text(booking, contact_settings=contact_settings, manage_url=manage_url)
    return _visitor_email(submission, contact_settings, subject=subject, body=body, invitation=invitation)


def _visitor_email(submission, contact_settings, *, subject, body, invitation=None):
    """An email to the visitor from the neutral sender, with `call.ics` when given."""
    message = EmailMessage(
        subject=subject,
        body="\n".join(body),
        from_email=visitor_from_email(contact_settings),
        to=[submission.email],
    )
    if invitation is not None:
        message.attach(FILENAME, invitation, MIMETYPE)
    return message
