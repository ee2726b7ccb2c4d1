"""Queues the emails staff get about their own account: the alert that someone is guessing
its password, and a fresh two-factor set-up link. The tasks (accounts/tasks.py) take the user's
pk only and write the mail when they run (accounts/services.py)."""

from django.contrib.auth import get_user_model

from accounts import tasks, throttle, two_factor


def account_being_guessed(*, account):
    """Queues the "wrong passwords for your account" mail when `account` (a username as
    entered, normalised) names an active user who can read enquiries or is a superuser.
    Called once per episode by the sign-in throttle; the task takes the user's pk only."""
    User = get_user_model()
    lookup = {f"{User.USERNAME_FIELD}__iexact": account, "is_active": True}
    for user in User.objects.filter(**lookup):
        if user.email and two_factor.reads_enquiries(user):
            tasks.send_guessing_alert.enqueue(user.pk)


def request_invitation(*, user):
    """Queues a set-up link for the user, at most SIGNIN_MAX_FAILURES per
    SIGNIN_LOCKOUT_SECONDS; returns whether one was queued."""
    key = (throttle.Scope.INVITATION, str(user.pk))
    if throttle.is_locked(key):
        return False
    throttle.record_failure(*key)
    tasks.send_two_factor_invitation.enqueue(user.pk)
    return True
