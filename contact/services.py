"""Business actions of the contact app: take a submission in, tell staff, tell the visitor.

Rules (design.md 1 and 2): the submission is committed before any email is attempted, a mail
failure never reaches the visitor, notifications never carry names or answers unless the
practice opted in, and nothing personal is logged (only submission numbers).
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from contact.models import ConsultationRequest, ContactSettings, Submission
from contact.spam import record_accepted
from practice.models import PracticeSettings

logger = logging.getLogger(__name__)

ADMIN_INSPECT_URL_NAME = "enquiries:inspect"


def submission_create(*, form, request):
    """Saves the valid form's submission, counts it against the client's rate limit, and once
    the transaction commits queues the staff notification (and the visitor's confirmation when
    it applies). Never raises on mail or queue errors: an unqueued notification stays pending
    and `manage.py resend_notifications` delivers it."""
    with transaction.atomic():
        submission = form.save()
        confirm = visitor_confirmation_wanted(submission=submission)
        transaction.on_commit(
            partial(notifications_enqueue, submission_id=submission.pk, confirm_visitor=confirm)
        )
    record_accepted(request)
    return submission


def notifications_enqueue(*, submission_id, confirm_visitor=False):
    """Queues the background emails for one submission; logs (without personal data) and
    carries on if the queue cannot be reached."""
    from contact.tasks import send_staff_notification, send_visitor_confirmation

    try:
        send_staff_notification.enqueue(submission_id)
    except Exception:
        logger.exception(
            "Could not queue the staff notification for submission #%s; "
            "resend_notifications will deliver it.",
            submission_id,
        )
    if confirm_visitor:
        try:
            send_visitor_confirmation.enqueue(submission_id)
        except Exception:
            logger.exception("Could not queue the visitor confirmation for submission #%s.", submission_id)


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


def staff_notification_message(*, submission, recipients, include_details=False):
    """The staff email: the kind, the number and a link. Names and answers only when the
    practice opted in (its mail provider signed a BAA)."""
    kind = submission.get_kind_display()
    lines = [
        f"A new {kind.lower()} (#{submission.pk}) arrived through the website.",
        "",
        "Open it in the admin (sign-in required):",
        admin_url(submission.pk),
        "",
    ]
    if include_details:
        lines += ["Details:", *submission_detail_lines(submission.specific), ""]
    else:
        lines.append("For privacy, this email does not include who sent it or what they wrote.")
    return EmailMessage(
        subject=f"New {kind.lower()} #{submission.pk}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )


def submission_detail_lines(submission):
    """`Label: value` lines for every answer, used only when details are opted in."""
    lines = []
    for field in type(submission)._meta.concrete_fields:
        if field.name.startswith("notification_") or field.name in {"id", "submission_ptr", "staff_notes"}:
            continue
        value = getattr(submission, field.name)
        display = getattr(submission, f"get_{field.name}_display", None)
        if display is not None:
            value = display()
        if value not in (None, "", False):
            lines.append(f"{field.verbose_name.capitalize()}: {value}")
    return lines


def notification_deliver(*, submission_id, schedule_retry=True):
    """Sends the staff notification for one submission unless it was already sent, and records
    the outcome on the submission. On failure the submission is marked failed with the error
    and, when `schedule_retry` and attempts remain, a retry is queued with exponential
    back-off. Returns True when the notification has been delivered. Never raises."""
    submission = Submission.objects.filter(pk=submission_id).select_related(
        "consultationrequest", "contactmessage"
    )
    submission = submission.first()
    if submission is None:  # purged or deleted since it was queued
        return False
    if submission.notification_state == Submission.NotificationState.SENT:
        return True
    contact_settings = ContactSettings.load()
    try:
        recipients = notification_recipients()
        if not recipients:
            raise RuntimeError("No notification recipients are set in Settings > Contact and intake.")
        staff_notification_message(
            submission=submission,
            recipients=recipients,
            include_details=contact_settings.include_details_in_email,
        ).send()
    except Exception as error:
        _record_failure(submission, error, schedule_retry=schedule_retry)
        return False
    Submission.objects.filter(pk=submission.pk).update(
        notification_state=Submission.NotificationState.SENT,
        notification_attempts=F("notification_attempts") + 1,
        notification_last_error="",
        notification_sent_at=timezone.now(),
        notification_retry_at=None,
    )
    return True


def _record_failure(submission, error, *, schedule_retry):
    from contact.tasks import send_staff_notification

    attempts = submission.notification_attempts + 1
    retry_at = None
    if schedule_retry and attempts < settings.CONTACT_NOTIFY_MAX_ATTEMPTS:
        delay = settings.CONTACT_NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1)
        retry_at = timezone.now() + timedelta(seconds=delay)
    # The error names the mail server's complaint, never the submission's content.
    description = f"{type(error).__name__}: {error}"[:300]
    Submission.objects.filter(pk=submission.pk).update(
        notification_state=Submission.NotificationState.FAILED,
        notification_attempts=F("notification_attempts") + 1,
        notification_last_error=description,
        notification_retry_at=retry_at,
    )
    logger.warning(
        "Staff notification for submission #%s failed (attempt %s, %s); %s",
        submission.pk,
        attempts,
        type(error).__name__,
        f"retrying at {retry_at:%Y-%m-%d %H:%M:%S %Z}" if retry_at else "no retry scheduled",
    )
    if retry_at:
        try:
            send_staff_notification.using(run_after=retry_at).enqueue(submission.pk)
        except Exception:
            logger.exception("Could not queue the retry for submission #%s.", submission.pk)


def notifications_resend():
    """Delivers every staff notification not yet sent, now, in this process. Returns
    (delivered, failed) counts."""
    delivered = failed = 0
    pending = Submission.objects.undelivered().order_by("pk").values_list("pk", flat=True)
    for submission_id in list(pending):
        if notification_deliver(submission_id=submission_id, schedule_retry=False):
            delivered += 1
        else:
            failed += 1
    return delivered, failed


def visitor_confirmation_wanted(*, submission):
    """A confirmation goes out only when the practice enabled it and the visitor asked to be
    reached by email (or, on the intake form, allowed emails that name the practice)."""
    if not submission.email:
        return False
    if isinstance(submission, ConsultationRequest):
        wanted = submission.email_consent_at is not None
    else:
        wanted = submission.preferred_channel == Submission.Channel.EMAIL
    return wanted and ContactSettings.load().send_visitor_confirmation


def visitor_confirmation_message(*, submission):
    """A generic receipt: names the practice and the next step, repeats nothing the visitor wrote."""
    practice = PracticeSettings.load()
    body = "\n".join(
        [
            f"Thank you for contacting {practice.practice_name}.",
            "",
            f"This is to let you know we received your request. We will reply {practice.response_time_text}.",
            "",
            "This mailbox is not monitored for emergencies. If you are in crisis, call or text 988, "
            "call the NJ Hopeline at 1-855-654-6735, or call 911.",
            "",
            "You are receiving this because someone used your address on our website. If that was "
            "not you, you can ignore this message.",
        ]
    )
    return EmailMessage(
        subject=f"We received your request – {practice.practice_name}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[submission.email],
    )


def visitor_confirmation_deliver(*, submission_id, attempt=1):
    """Sends the visitor's confirmation once; on failure retries a few times with back-off."""
    from contact.tasks import send_visitor_confirmation

    submission = Submission.objects.filter(pk=submission_id, confirmation_sent_at__isnull=True).first()
    if submission is None or not submission.email:
        return False
    try:
        visitor_confirmation_message(submission=submission).send()
    except Exception as error:
        logger.warning(
            "Visitor confirmation for submission #%s failed (attempt %s, %s).",
            submission_id,
            attempt,
            type(error).__name__,
        )
        if attempt < 3:
            retry_at = timezone.now() + timedelta(seconds=settings.CONTACT_NOTIFY_RETRY_SECONDS * attempt)
            send_visitor_confirmation.using(run_after=retry_at).enqueue(submission_id, attempt + 1)
        return False
    Submission.objects.filter(pk=submission_id).update(confirmation_sent_at=timezone.now())
    return True


def submissions_purge(*, days, dry_run=False):
    """Deletes submissions received more than `days` days ago (with their view logs).
    Returns how many were (or, with dry_run, would be) deleted."""
    old = Submission.objects.older_than(days)
    count = old.count()
    if not dry_run and count:
        # Children first is implicit: deleting the parent rows cascades to both kinds.
        old.delete()
    return count


def submission_record_view(*, submission, user):
    """Logs that a staff member opened a submission (who, when)."""
    from contact.models import SubmissionView

    return SubmissionView.objects.create(
        submission=submission, user=user, username=user.get_username(), viewed_at=timezone.now()
    )
