"""Business actions of the contact app that staff and visitors trigger: take a submission in,
purge old ones, log who opened one. Names are `noun_verb`, as everywhere in the app.

The submission is committed before any email is attempted, a mail
failure never reaches the visitor, and nothing personal is logged (only submission numbers).
The emails themselves, their retries and their claims live in `contact.notifications`.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from contact.models import Submission, SubmissionView
from contact.notifications import notifications_enqueue, notifications_prepare
from contact.spam import record_accepted, release_slot, reserve_slot


class RateLimited(Exception):
    """The client's address has used up its accepted submissions for now."""


def submission_create(*, form, request):
    """Takes one of the client's rate-limit slots, saves the valid form's submission with its
    emails marked pending, and once the transaction commits queues those emails.

    Raises `RateLimited` (saving nothing) when the client has no slot left; the slot is taken
    before saving, so parallel posts cannot overrun the limit, and given back if saving fails.
    Never raises on mail or queue errors: an unqueued email stays pending and
    `manage.py resend_notifications` delivers it."""
    if not reserve_slot(request):
        raise RateLimited
    try:
        with transaction.atomic():
            submission = form.save(commit=False)
            notifications_prepare(submission)
            submission.save()
            form.save_m2m()
            transaction.on_commit(partial(notifications_enqueue, submission=submission))
    except BaseException:
        release_slot(request)
        raise
    return submission


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
