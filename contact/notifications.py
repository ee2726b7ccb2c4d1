"""Every email the site sends about a submission, and the one policy that delivers them.

Two messages go out about a submission: the staff notification ("staff") and, when the
visitor asked to be emailed, a generic confirmation ("visitor"). Each keeps the same
delivery fields on `Submission` under its own prefix (`notification_*`, `confirmation_*`) and
goes through the same steps, here and nowhere else:

1. Claim. One conditional UPDATE moves the message from pending or failed to "sending" and
   stamps `claimed_at`; a sender that does not get the row sends nothing. The worker and
   `manage.py resend_notifications` both claim, so they never both send.
2. Send, then record "sent"; or "failed" with the error and, while attempts remain, a retry
   queued with exponential back-off: CONTACT_NOTIFY_RETRY_SECONDS × 2^(attempt − 1), at most
   CONTACT_NOTIFY_MAX_ATTEMPTS attempts. The resend command retries everything not sent.
3. Reclaim. A claim older than CONTACT_NOTIFY_STALE_SECONDS belongs to a sender that died
   (kill -9, a lost host): it returns to pending and is sent again. Every claim queues that
   check for the moment it would go stale, every delivery task checks first, and so does the
   resend command, so a crash never strands a message.

A sender killed after the mail server accepted a message but before step 2 recorded it sends
that message again once the claim goes stale: at least once is chosen over at most once, as a
lost enquiry is worse than a repeated notice. The window is the few milliseconds between the
server's reply and one UPDATE.

Tasks use Django's tasks API (`django.tasks`) on the "notifications" backend: the
django-tasks-db queue that `manage.py task_worker --backend notifications` works through. They
carry a submission's number, never its content; logs name numbers only.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Count, F, Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from contact.models import ConsultationRequest, ContactSettings, Submission
from practice.models import PracticeSettings

logger = logging.getLogger(__name__)

BACKEND = "notifications"
ADMIN_INSPECT_URL_NAME = "enquiries:inspect"

State = Submission.NotificationState
CLAIMABLE = (State.PENDING, State.FAILED)


# Messages ------------------------------------------------------------------------------------


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
        )
        subject = contact_settings.visitor_subject_display
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=visitor_from_email(contact_settings),
        to=[submission.email],
    )


@dataclass(frozen=True)
class Message:
    """One kind of email about a submission: where its state lives and how it is written."""

    prefix: str  # of its delivery fields on Submission
    label: str  # for logs
    build: Callable[[Submission], EmailMessage]

    def fields(self, **values):
        """`state=…` → `{"notification_state": …}`, for filters and updates."""
        return {f"{self.prefix}_{name}": value for name, value in values.items()}

    def state_of(self, submission):
        return getattr(submission, f"{self.prefix}_state")


MESSAGES = {
    "staff": Message("notification", "Staff notification", staff_notification_message),
    "visitor": Message("confirmation", "Visitor confirmation", visitor_confirmation_message),
}


# Claiming and reclaiming ---------------------------------------------------------------------


def notification_claim(*, message, submission_id):
    """Marks one message as being sent by the caller. Returns the claim's time for exactly one
    of any number of concurrent callers, while the message is pending or failed; else None."""
    spec = MESSAGES[message]
    claimed_at = timezone.now()
    claimed = Submission.objects.filter(pk=submission_id, **spec.fields(state__in=CLAIMABLE)).update(
        **spec.fields(state=State.SENDING, claimed_at=claimed_at)
    )
    return claimed_at if claimed else None


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.CONTACT_NOTIFY_STALE_SECONDS)


def notifications_release_stale():
    """Returns every claim older than CONTACT_NOTIFY_STALE_SECONDS to pending, once even when
    several processes do this at the same moment. Returns the (message, submission id) pairs
    released, for the caller to send."""
    cutoff = _stale_before()
    stale = Q()
    for spec in MESSAGES.values():
        stale |= Q(**spec.fields(state=State.SENDING, claimed_at__lt=cutoff))
    released = []
    for submission in Submission.objects.filter(stale).only(
        *(f"{spec.prefix}_{name}" for spec in MESSAGES.values() for name in ("state", "claimed_at"))
    ):
        for message, spec in MESSAGES.items():
            claimed_at = getattr(submission, f"{spec.prefix}_claimed_at")
            if spec.state_of(submission) != State.SENDING or claimed_at >= cutoff:
                continue
            # Conditional on the claim we saw, so a fresh claim made since is left alone.
            if Submission.objects.filter(
                pk=submission.pk, **spec.fields(state=State.SENDING, claimed_at=claimed_at)
            ).update(**spec.fields(state=State.PENDING)):
                logger.warning(
                    "%s for submission #%s was claimed at %s and never finished; sending it again.",
                    spec.label,
                    submission.pk,
                    f"{claimed_at:%Y-%m-%d %H:%M:%S %Z}",
                )
                released.append((message, submission.pk))
    return released


# Delivering ----------------------------------------------------------------------------------


def _deliver(*, message, submission_id, retry):
    """Claims, sends and records one message. Returns the state it left the message in (sent
    or failed), or None when another sender has it, it was sent already, or the submission is
    gone. With `retry`, a failure queues the next attempt with back-off. Never raises."""
    spec = MESSAGES[message]
    claimed_at = notification_claim(message=message, submission_id=submission_id)
    if claimed_at is None:
        return None
    # Should this process die mid-send, the claim goes stale and this check sends it again.
    _enqueue(
        notifications_reclaim.using(
            run_after=claimed_at + timedelta(seconds=settings.CONTACT_NOTIFY_STALE_SECONDS + 1)
        ),
        what=f"the stale-claim check for submission #{submission_id}",
    )
    mine = Submission.objects.filter(
        pk=submission_id, **spec.fields(state=State.SENDING, claimed_at=claimed_at)
    )
    submission = mine.select_related("consultationrequest", "contactmessage").first()
    if submission is None:  # purged, or reclaimed already
        return None
    try:
        spec.build(submission).send()
    except Exception as error:
        attempts = getattr(submission, f"{spec.prefix}_attempts") + 1
        retry_at = None
        if retry and attempts < settings.CONTACT_NOTIFY_MAX_ATTEMPTS:
            delay = settings.CONTACT_NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1)
            retry_at = timezone.now() + timedelta(seconds=delay)
        # The error names the mail server's complaint, never the submission's content.
        mine.update(
            **spec.fields(
                state=State.FAILED,
                attempts=F(f"{spec.prefix}_attempts") + 1,
                last_error=f"{type(error).__name__}: {error}"[:300],
                retry_at=retry_at,
            )
        )
        logger.warning(
            "%s for submission #%s failed (attempt %s, %s); %s",
            spec.label,
            submission_id,
            attempts,
            type(error).__name__,
            f"retrying at {retry_at:%Y-%m-%d %H:%M:%S %Z}" if retry_at else "no retry scheduled",
        )
        if retry_at:
            _enqueue(
                notification_deliver.using(run_after=retry_at),
                message=message,
                submission_id=submission_id,
                what=f"the retry for submission #{submission_id}",
            )
        return State.FAILED
    recorded = mine.update(
        **spec.fields(
            state=State.SENT,
            attempts=F(f"{spec.prefix}_attempts") + 1,
            last_error="",
            sent_at=timezone.now(),
            retry_at=None,
        )
    )
    if not recorded:
        logger.warning(
            "%s for submission #%s took longer than CONTACT_NOTIFY_STALE_SECONDS to send and was "
            "reclaimed meanwhile; it may arrive twice.",
            spec.label,
            submission_id,
        )
    return State.SENT


def _enqueue(task_, *args, what, **kwargs):
    try:
        task_.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not queue %s; resend_notifications will deliver it.", what)


@task(backend=BACKEND)
def notification_deliver(message, submission_id):
    """The worker's entry: first sends again what crashed senders left claimed, then sends one
    message ("staff" or "visitor") for one submission. True when that message is now sent."""
    notifications_reclaim.call()
    outcome = _deliver(message=message, submission_id=submission_id, retry=True)
    if outcome is None:  # sent already, or another sender has it
        return Submission.objects.filter(
            pk=submission_id, **MESSAGES[message].fields(state=State.SENT)
        ).exists()
    return outcome == State.SENT


@task(backend=BACKEND)
def notifications_reclaim():
    """Sends again every message whose sender died mid-send. Returns how many it released."""
    released = notifications_release_stale()
    for message, submission_id in released:
        _deliver(message=message, submission_id=submission_id, retry=True)
    return len(released)


def notifications_prepare(submission):
    """Sets, on an unsaved submission, which messages are due: the staff notification always,
    the visitor's confirmation when `visitor_confirmation_wanted`."""
    submission.notification_state = State.PENDING
    submission.confirmation_state = State.PENDING if visitor_confirmation_wanted(submission) else ""


def notifications_enqueue(*, submission):
    """Queues every message still pending for a saved submission (call it once the submission
    is committed). Logs, without personal data, and carries on if the queue cannot be reached:
    the message stays pending for the resend command."""
    for message, spec in MESSAGES.items():
        if spec.state_of(submission) == State.PENDING:
            _enqueue(
                notification_deliver,
                message=message,
                submission_id=submission.pk,
                what=f"the {spec.label.lower()} for submission #{submission.pk}",
            )


def notifications_resend():
    """Sends now, in this process, every message not sent yet: pending, failed, or claimed by
    a sender that died. Messages another sender is sending right now are left to it. Returns
    (delivered, failed) counts."""
    notifications_release_stale()
    delivered = failed = 0
    for message, spec in MESSAGES.items():
        waiting = Submission.objects.filter(**spec.fields(state__in=CLAIMABLE)).order_by("pk")
        for submission_id in list(waiting.values_list("pk", flat=True)):
            outcome = _deliver(message=message, submission_id=submission_id, retry=False)
            delivered += outcome == State.SENT
            failed += outcome == State.FAILED
    return delivered, failed


def notifications_overdue():
    """Counts for the dashboard, per message: failed, and waiting (pending or sending) for
    longer than CONTACT_NOTIFY_STALE_SECONDS since the submission arrived."""
    cutoff = _stale_before()
    counts = {}
    for message, spec in MESSAGES.items():
        counts[f"{message}_failed"] = Count("pk", filter=Q(**spec.fields(state=State.FAILED)))
        counts[f"{message}_waiting"] = Count(
            "pk",
            filter=Q(**spec.fields(state__in=[State.PENDING, State.SENDING])) & Q(received_at__lt=cutoff),
        )
    return Submission.objects.aggregate(**counts)
