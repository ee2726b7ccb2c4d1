"""The emails written about a submission: the staff notification and the visitor's confirmation.

Neither carries personal data unless the practice opted in (a mail provider that signed a BAA):
the staff notification names the kind of enquiry and its number with a link to the admin; the
visitor's confirmation says it was received and repeats nothing they wrote, from the neutral
sender. `contact.notifications` sends them.
"""

import logging
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from contact.models import ConsultationRequest, ContactSettings
from practice.models import PracticeSettings

# The notifications logger: operators watch one logger for everything about sending.
logger = logging.getLogger("contact.notifications")

ADMIN_INSPECT_URL_NAME = "enquiries:inspect"


def notification_recipients():
    """Staff addresses from the contact settings, else the practice's public address."""
    recipients = ContactSettings.load().recipient_list
    if not recipients:
        fallback = PracticeSettings.load().email
        recipients = [fallback] if fallback else []
    if not recipients:
        logger.warning(
            "No one to notify about new enquiries: add recipients in Settings > Contact and intake "
            "(or the practice's email in Practice details). Notifications are kept and retried until then."
        )
    return recipients


def admin_url(submission_id):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse(ADMIN_INSPECT_URL_NAME, args=[submission_id])


def staff_notification_message(submission):
    """The staff email, in English whatever language is active: the kind, the number and a
    link. Names and answers only when the practice opted in (its mail provider signed a BAA)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _staff_notification_message(submission)


def _staff_notification_message(submission):
    recipients = notification_recipients()
    if not recipients:
        raise RuntimeError("No notification recipients are set in Settings > Contact and intake.")
    kind = submission.get_kind_display().lower()
    lines = [
        f"A new {kind} (#{submission.pk}) arrived through the website.",
        "",
        "Open it in the admin (sign-in required):",
        admin_url(submission.pk),
        "",
    ]
    if ContactSettings.load().include_details_in_email:
        lines += ["Details:", *submission_detail_lines(submission.specific), ""]
    else:
        lines.append("For privacy, this email does not include who sent it or what they wrote.")
    return EmailMessage(
        subject=f"New {kind} #{submission.pk}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def submission_detail_lines(submission):
    """`Label: value` lines for every answer, used only when details are opted in."""
    lines = []
    for field in type(submission)._meta.concrete_fields:
        name = field.name
        if name.startswith(("notification_", "confirmation_")) or name in {
            "id",
            "submission_ptr",
            "staff_notes",
        }:
            continue
        value = getattr(submission, name)
        display = getattr(submission, f"get_{name}_display", None)
        if display is not None:
            value = display()
        if value not in (None, "", False):
            lines.append(f"{field.verbose_name.capitalize()}: {value}")
    return lines


def visitor_confirmation_wanted(submission):
    """A confirmation goes out only when the practice enabled it and the visitor asked for it:
    the receipt box on the contact form, the email consent on the consultation request."""
    if not submission.email:
        return False
    if isinstance(submission, ConsultationRequest):
        wanted = submission.email_consent_at is not None
    else:
        wanted = getattr(submission, "receipt_consent_at", None) is not None
    return wanted and ContactSettings.load().send_visitor_confirmation


def visitor_from_email(contact_settings):
    """DEFAULT_FROM_EMAIL's address under the practice's neutral sender name for visitors."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((contact_settings.visitor_sender_name, address))


def visitor_closing(contact_settings):
    """The lines that end every email to a visitor: where to turn in a crisis, why she received
    it, and the neutral sender's name (in the active language)."""
    return [
        gettext(
            "This mailbox is not monitored for emergencies. If you are in crisis, call or text 988, "
            "call the NJ Hopeline at 1-855-654-6735, or call 911."
        ),
        "",
        gettext(
            "You are receiving this because someone used your address on our website and asked for "
            "a receipt. If that was not you, you can ignore this message."
        ),
        "",
        contact_settings.visitor_sender_name,
    ]


def visitor_confirmation_message(submission):
    """A generic receipt under the neutral sender name and subject from the contact settings:
    says only that the message arrived and when we reply. It repeats nothing the visitor wrote
    and does not say what kind of practice sent it (others may read their inbox).

    Written in the language the visitor used the site in. The subject and the reply time are
    the practice's own words, used as written once staff change them; while they are the
    shipped defaults, their translations are used."""
    if not submission.email:
        raise RuntimeError("The visitor left no email address.")
    contact_settings = ContactSettings.load()
    practice = PracticeSettings.load()
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        body = "\n".join(
            [
                gettext("Hello,"),
                "",
                gettext("This is to let you know we received your request. We will reply %(response_time)s.")
                % {"response_time": practice.response_time_display},
                "",
                *visitor_closing(contact_settings),
            ]
        )
        subject = contact_settings.visitor_subject_display
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=visitor_from_email(contact_settings),
        to=[submission.email],
    )
