"""Business actions of the contact app that staff and visitors trigger: take a submission in,
purge old ones, log who opened one, change its status and add notes. Names are `noun_verb`, as everywhere in the app.

The submission is committed before any email is attempted, a mail
failure never reaches the visitor, and nothing personal is logged (only submission numbers).
The emails themselves, their retries and their claims live in `contact.notifications`.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone, translation
from wagtail.log_actions import log

from booking.services import SlotTaken, book_first_free, hosts_for, hosts_free_at
from contact.emails import visitor_confirmation_wanted
from contact.models import Submission, SubmissionNote, SubmissionView
from contact.notifications import notifications_enqueue, notifications_prepare
from contact.signals import enquiry_received
from contact.spam import record_accepted, release_slot, reserve_slot


class RateLimited(Exception):
    """The client's address has used up its accepted submissions for now."""


def submission_create(*, form, request):
    """Takes one of the client's rate-limit slots, saves the valid form's submission with its
    emails marked pending and the language the visitor used (the address's: /ko/contact/ is
    Korean), and once the transaction commits queues those emails.

    Raises `RateLimited` (saving nothing) when the client has no slot left; the slot is taken
    before saving, so parallel posts cannot overrun the limit, and given back if saving fails.
    Never raises on mail or queue errors: an unqueued email stays pending and
    `manage.py resend_notifications` delivers it. Raises `booking.services.SlotTaken` (saving
    nothing) when the consultation time the visitor chose was taken meanwhile."""
    if not reserve_slot(request):
        raise RateLimited
    try:
        hosts = consultation_hosts_free(form)
        with transaction.atomic():
            submission = form.save(commit=False)
            submission.language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language()
            notifications_prepare(submission)
            submission.save()
            form.save_m2m()
            call = consultation_time_book(form=form, submission=submission, hosts=hosts)
            transaction.on_commit(
                partial(submission_committed, submission=submission, call=call, request=request)
            )
    except BaseException:
        release_slot(request)
        raise
    return submission


def submission_committed(*, submission, call, request):
    """Once the submission is committed: queue its emails (the reminder of `call`, the booking
    made with it or None), then tell other apps (readership counts which page led to it). A
    receiver's error never reaches the visitor (send_robust)."""
    try:
        notifications_enqueue(submission=submission, call=call)
    finally:
        enquiry_received.send_robust(sender=type(submission), request=request)


def consultation_hosts_free(form):
    """The hosts free at the time chosen on a consultation request (the chosen clinician, or
    whoever is free then), read before the write transaction: on SQLite every other post waits
    for that one, so it holds only the writes and the checks that must be made under it. None
    without a chosen time; raises SlotTaken, before anything is written, when nobody is free
    then any more."""
    chosen = form.cleaned_data.get("consultation_time")
    if not chosen:
        return None
    clinician = form.cleaned_data.get("clinician")
    hosts = hosts_free_at(chosen, hosts_for(clinician.slug if clinician else None))
    if not hosts:
        raise SlotTaken
    return hosts


def consultation_time_book(*, form, submission, hosts):
    """Books the time chosen on a consultation request, in the caller's transaction, with the
    first of `hosts` (consultation_hosts_free) still free then, and the reminder she asked for
    when she may be emailed; returns the Booking, or None without a chosen time. Raises
    SlotTaken when none is free then any more."""
    chosen = form.cleaned_data.get("consultation_time")
    if not chosen:
        return None
    return book_first_free(
        start=chosen,
        hosts=hosts,
        submission=submission,
        reminder=bool(form.cleaned_data.get("email_reminder")) and visitor_confirmation_wanted(submission),
    )


def submission_discard(*, request):
    """Counts a submission the spam checks threw away against the client's rate limit, as if
    it had been accepted, so a bot learns nothing from the limit either."""
    record_accepted(request)


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
    return SubmissionView.objects.create(
        submission=submission, user=user, username=user.get_username(), viewed_at=timezone.now()
    )


def _logged_row(submission):
    """The inbox's own row for `submission` (a ContactMessage or ConsultationRequest is logged
    as its Submission, so the enquiry's history lists it). Its title is "Kind #pk": no name."""
    return Submission(pk=submission.pk, kind=submission.kind)


def _mark_replied(submission, now):
    """The first staff answer (status off "new", or a note) starts no clock twice."""
    if submission.first_replied_at is None:
        submission.first_replied_at = now
        return ["first_replied_at"]
    return []


def submission_mark_replied(*, submission):
    """Records the first reply now unless one was recorded (for the admin's edit form, which
    changes the status without `submission_update_status`)."""
    if submission.status != Submission.Status.NEW and _mark_replied(submission, timezone.now()):
        Submission.objects.filter(pk=submission.pk, first_replied_at=None).update(
            first_replied_at=submission.first_replied_at
        )


def submission_update_status(*, submission, status, user):
    """Sets the status; the first change away from "new" records the first reply. Logs the
    change (old and new status only). Returns False when the status was already `status`."""
    if status not in Submission.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    previous = submission.status
    if status == previous:
        return False
    now = timezone.now()
    submission.status = status
    fields = ["status"]
    if status != Submission.Status.NEW:
        fields += _mark_replied(submission, now)
    with transaction.atomic():
        Submission.objects.filter(pk=submission.pk).update(
            **{field: getattr(submission, field) for field in fields}
        )
        log(
            instance=_logged_row(submission),
            action="contact.status",
            user=user,
            data={"from": previous, "to": status},
        )
    return True


def submission_add_note(*, submission, text, user):
    """Adds a staff note (the author's name kept with it) and records the first reply if none
    was yet. The log says a note was added, never what it says."""
    now = timezone.now()
    with transaction.atomic():
        note = SubmissionNote.objects.create(
            submission_id=submission.pk,
            author=user,
            author_name=user.get_username(),
            created_at=now,
            text=text,
        )
        if _mark_replied(submission, now):
            Submission.objects.filter(pk=submission.pk).update(first_replied_at=now)
        log(instance=_logged_row(submission), action="contact.note", user=user, data={"note": note.pk})
    return note
