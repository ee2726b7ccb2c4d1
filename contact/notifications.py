"""Every email the site sends about a submission, and the one policy that delivers them.

These messages go out about a submission: the staff notification ("staff"); when the visitor
asked to be emailed, a confirmation ("visitor": a generic receipt, or the booked call's time
with its calendar file), the reminder of her call when she asked for one ("reminder",
REMINDER_BEFORE the call) and the notice that her call was moved or cancelled ("notice"). Each
keeps the same delivery fields under its own prefix (`notification_*` and `confirmation_*` on
`Submission`, `reminder_*` and `notice_*` on the call's `Booking`) and goes through the same
steps, here and nowhere else:

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

A reminder is sendable only while it is due: its call still booked (not cancelled, not moved
away) and starting within REMINDER_BEFORE; a notice while its call is ahead. The reminder's task
is queued to run then; the worker's `reminders_catch_up` job sends every due reminder or notice
whose task was lost (a worker restarted with an empty queue), and a claim, again, decides.

Tasks use Django's tasks API (`django.tasks`) on the "notifications" backend: the
django-tasks-db queue that `manage.py task_worker --backend notifications` works through. They
carry a submission's number, never its content; logs name numbers only.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Count, F, Q
from django.tasks import task
from django.utils import timezone

from booking.models import REMINDER_BEFORE, Booking
from contact.call_emails import call_notice_message, call_reminder_message, visitor_message
from contact.emails import staff_notification_message, visitor_confirmation_wanted
from contact.models import Submission

logger = logging.getLogger(__name__)

BACKEND = "notifications"

State = Submission.NotificationState
CLAIMABLE = (State.PENDING, State.FAILED)


def _reminder_due():
    """A reminder is due while its call is booked and starts within REMINDER_BEFORE."""
    now = timezone.now()
    return Q(status=Booking.Status.LIVE, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE)


def _notice_due():
    """A notice is due while its call (moved here, or cancelled) is still ahead, for a client
    who asked to be emailed (her enquiry's confirmation was due)."""
    return Q(status__in=[Booking.Status.LIVE, Booking.Status.CANCELLED], starts_at__gt=timezone.now()) & ~Q(
        submission__confirmation_state=""
    )


@dataclass(frozen=True)
class Message:
    """One kind of email about a submission: where its state lives and how it is written.

    Its delivery fields live on `model`, in the row(s) whose `key` is the submission's number
    (the submission itself, or its bookings); `due()` says which of them may be sent now."""

    prefix: str  # of its delivery fields
    label: str  # for logs
    build: Callable[[models.Model], EmailMessage]
    model: type[models.Model] = Submission
    key: str = "pk"
    related: tuple = ("consultationrequest", "contactmessage")
    due: Callable[[], Q] = Q  # Q(): every row, always

    def fields(self, **values):
        """`state=…` → `{"notification_state": …}`, for filters and updates."""
        return {f"{self.prefix}_{name}": value for name, value in values.items()}

    def state_of(self, row):
        return getattr(row, f"{self.prefix}_state")

    def rows(self, submission_id):
        return self.model.objects.filter(**{self.key: submission_id})

    def number(self, row):
        """The submission's number, which tasks carry and logs name."""
        return getattr(row, self.key)

    def sendable(self):
        return self.model.objects.filter(self.due(), **self.fields(state__in=CLAIMABLE))


MESSAGES = {
    "staff": Message("notification", "Staff notification", staff_notification_message),
    "visitor": Message("confirmation", "Visitor confirmation", visitor_message),
    "reminder": Message(
        "reminder",
        "Call reminder",
        call_reminder_message,
        model=Booking,
        key="submission_id",
        related=("submission",),
        due=_reminder_due,
    ),
    "notice": Message(
        "notice",
        "Call change notice",
        call_notice_message,
        model=Booking,
        key="submission_id",
        related=("submission",),
        due=_notice_due,
    ),
}
BOOKING_MESSAGES = ("reminder", "notice")


# Claiming and reclaiming ---------------------------------------------------------------------


def notification_claim(*, message, submission_id):
    """Marks one message as being sent by the caller. Returns the claim's time for exactly one
    of any number of concurrent callers, while the message is pending or failed (and due);
    else None."""
    spec = MESSAGES[message]
    claimed_at = timezone.now()
    claimed = (
        spec.sendable()
        .filter(**{spec.key: submission_id})
        .update(**spec.fields(state=State.SENDING, claimed_at=claimed_at))
    )
    return claimed_at if claimed else None


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.CONTACT_NOTIFY_STALE_SECONDS)


def notifications_release_stale():
    """Returns every claim older than CONTACT_NOTIFY_STALE_SECONDS to pending, once even when
    several processes do this at the same moment. Returns the (message, submission id) pairs
    released, for the caller to send."""
    cutoff = _stale_before()
    released = []
    for message, spec in MESSAGES.items():
        stale = spec.model.objects.filter(**spec.fields(state=State.SENDING, claimed_at__lt=cutoff))
        for pk, number, claimed_at in stale.values_list("pk", spec.key, f"{spec.prefix}_claimed_at"):
            # Conditional on the claim we saw, so a fresh claim made since is left alone.
            if spec.model.objects.filter(
                pk=pk, **spec.fields(state=State.SENDING, claimed_at=claimed_at)
            ).update(**spec.fields(state=State.PENDING)):
                logger.warning(
                    "%s for submission #%s was claimed at %s and never finished; sending it again.",
                    spec.label,
                    number,
                    f"{claimed_at:%Y-%m-%d %H:%M:%S %Z}",
                )
                released.append((message, number))
    return released


# Delivering ----------------------------------------------------------------------------------


def _deliver(*, message, submission_id, retry):
    """Claims, sends and records one message. Returns the state it left the message in (sent
    or failed), or None when another sender has it, it was sent already, or the submission is
    gone. With `retry`, a failure queues the next attempt with back-off. Never raises."""
    spec = MESSAGES[message]
    claim = _claim_for_sending(spec, message, submission_id)
    if claim is None:
        return None
    row, mine = claim
    try:
        spec.build(row).send()
    except Exception as error:
        _record_failure(spec, message, row, mine, error, retry=retry)
        return State.FAILED
    _record_sent(spec, mine, submission_id)
    return State.SENT


def _claim_for_sending(spec, message, submission_id):
    """Step 1: (the message's row, a queryset of it while this claim holds), or None when the
    message is not ours to send. Queues the stale-claim check that covers this sender's death."""
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
    mine = spec.rows(submission_id).filter(**spec.fields(state=State.SENDING, claimed_at=claimed_at))
    row = mine.select_related(*spec.related).first()
    if row is None:  # purged, or reclaimed already
        return None
    return row, mine


def _record_failure(spec, message, row, mine, error, *, retry):
    """Step 2, when the mail server refused: "failed" with the error, and the next attempt
    queued with back-off while attempts remain (and `retry` allows)."""
    attempts = getattr(row, f"{spec.prefix}_attempts") + 1
    number = spec.number(row)
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
        number,
        attempts,
        type(error).__name__,
        f"retrying at {retry_at:%Y-%m-%d %H:%M:%S %Z}" if retry_at else "no retry scheduled",
    )
    if retry_at:
        _enqueue(
            notification_deliver.using(run_after=retry_at),
            message=message,
            submission_id=number,
            what=f"the retry for submission #{number}",
        )


def _record_sent(spec, mine, submission_id):
    """Step 2, when the mail server accepted: "sent", unless the claim went stale meanwhile."""
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
        spec = MESSAGES[message]
        return spec.rows(submission_id).filter(spec.due(), **spec.fields(state=State.SENT)).exists()
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


def notifications_enqueue(*, submission, call=None):
    """Queues every message still pending for a saved submission (call it once the submission
    is committed), and the reminder of `call`, the Booking made with it (None: no call), for
    when it is due: the booking was just made, so nothing is read to find it.
    Logs, without personal data, and carries on if the queue cannot be reached: the message
    stays pending for the resend command (and a reminder for `reminders_catch_up`)."""
    for message, spec in MESSAGES.items():
        if spec.model is Submission and spec.state_of(submission) == State.PENDING:
            _enqueue(
                notification_deliver,
                message=message,
                submission_id=submission.pk,
                what=f"the {spec.label.lower()} for submission #{submission.pk}",
            )
    if call is not None and call.reminder_state == State.PENDING:
        _reminder_enqueue(submission_id=submission.pk, starts_at=call.starts_at)


def notifications_resend():
    """Sends now, in this process, every message not sent yet: pending, failed, or claimed by
    a sender that died. Messages another sender is sending right now are left to it. Returns
    (delivered, failed) counts."""
    notifications_release_stale()
    delivered = failed = 0
    for message, spec in MESSAGES.items():
        waiting = spec.sendable().order_by(spec.key)
        for submission_id in list(waiting.values_list(spec.key, flat=True)):
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
        if spec.model is not Submission:
            continue
        counts[f"{message}_failed"] = Count("pk", filter=Q(**spec.fields(state=State.FAILED)))
        counts[f"{message}_waiting"] = Count(
            "pk",
            filter=Q(**spec.fields(state__in=[State.PENDING, State.SENDING])) & Q(received_at__lt=cutoff),
        )
    return Submission.objects.aggregate(**counts)


def reminder_schedule(*, submission_id):
    """Queues the reminder of the enquiry's booked call, if one is pending, for REMINDER_BEFORE
    the call (at once when that moment has passed)."""
    spec = MESSAGES["reminder"]
    booking = (
        spec.rows(submission_id)
        .filter(status=Booking.Status.LIVE, **spec.fields(state=State.PENDING))
        .only("starts_at")
        .first()
    )
    if booking is not None:
        _reminder_enqueue(submission_id=submission_id, starts_at=booking.starts_at)


def _reminder_enqueue(*, submission_id, starts_at):
    _enqueue(
        notification_deliver.using(run_after=starts_at - REMINDER_BEFORE),
        message="reminder",
        submission_id=submission_id,
        what=f"the call reminder for submission #{submission_id}",
    )


def reminders_catch_up():
    """The worker's periodic job (contact.apps): sends again what crashed senders left claimed,
    then every due reminder or call notice still pending, whose task was lost. A failed one is
    left to its retry. Returns how many it sent."""
    notifications_reclaim.call()
    sent = 0
    for message in BOOKING_MESSAGES:
        spec = MESSAGES[message]
        waiting = spec.sendable().filter(**spec.fields(state=State.PENDING)).order_by("starts_at")
        for submission_id in list(waiting.values_list(spec.key, flat=True)):
            sent += _deliver(message=message, submission_id=submission_id, retry=True) == State.SENT
    return sent


def call_changed_notify(*, booking, **signal):
    """`booking.signals.call_changed`: queues the client's notice of the move or cancellation
    and the moved call's reminder (the catch-up sends either should this fail)."""
    _enqueue(
        notification_deliver,
        message="notice",
        submission_id=booking.submission_id,
        what=f"the call change notice for submission #{booking.submission_id}",
    )
    reminder_schedule(submission_id=booking.submission_id)
