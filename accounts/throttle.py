"""Throttling password guessing, by account and by client address.

Counts live in the database (`SignInThrottle`), so every app host and worker shares them and
staff can see and lift lockouts. A count starts a window of SIGNIN_LOCKOUT_SECONDS; reaching
the limit within it locks that account or address until SIGNIN_LOCKOUT_SECONDS after the last
failure. Accounts are counted by the name entered, whether or not it exists, so a lockout says
nothing about which accounts exist.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import SignInThrottle

Scope = SignInThrottle.Scope

LOCKED_MESSAGE = (
    "Too many unsuccessful attempts. For your security, signing in is paused for a while. "
    "Please try again in {minutes} minutes, or ask an administrator to lift the pause."
)
RESET_LOCKED_MESSAGE = (
    "Too many password reset requests. Please try again in {minutes} minutes, "
    "or ask an administrator for help."
)


def normalise_account(value):
    """Usernames and emails are counted case-insensitively so case changes do not add tries."""
    return (value or "").strip().lower()[:254]


def lockout_minutes():
    return max(1, settings.SIGNIN_LOCKOUT_SECONDS // 60)


def limit_for(scope):
    if scope in (Scope.ADDRESS, Scope.RESET_ADDRESS):
        return settings.SIGNIN_MAX_FAILURES_PER_ADDRESS
    return settings.SIGNIN_MAX_FAILURES


def is_locked(*keys, now=None):
    """True when any of the (scope, value) keys is locked now."""
    now = now or timezone.now()
    query = Q(pk__in=[])
    for scope, value in keys:
        if value:
            query |= Q(scope=scope, value=value)
    return SignInThrottle.objects.filter(query, locked_until__gt=now).exists()


def record_failure(scope, value, now=None):
    """Counts one failure (atomically) and locks the key when it reaches its limit."""
    if not value:
        return
    now = now or timezone.now()
    window = timedelta(seconds=settings.SIGNIN_LOCKOUT_SECONDS)
    with transaction.atomic():
        try:
            with transaction.atomic():
                SignInThrottle.objects.create(scope=scope, value=value, failures=0, window_started_at=now)
        except IntegrityError:
            pass
        # A window that has run out (and is not locked) starts again from this failure.
        SignInThrottle.objects.filter(scope=scope, value=value, window_started_at__lte=now - window).filter(
            Q(locked_until__isnull=True) | Q(locked_until__lte=now)
        ).update(failures=0, window_started_at=now, locked_until=None)
        SignInThrottle.objects.filter(scope=scope, value=value).update(failures=F("failures") + 1)
        SignInThrottle.objects.filter(scope=scope, value=value, failures__gte=limit_for(scope)).update(
            locked_until=now + window
        )


def clear(scope, value):
    SignInThrottle.objects.filter(scope=scope, value=value).delete()


def active_lockouts(now=None):
    return SignInThrottle.objects.filter(locked_until__gt=now or timezone.now())


def lift(value):
    """Removes every count and lockout for a username, email or address; returns how many."""
    values = {value.strip(), normalise_account(value)}
    deleted, _ = SignInThrottle.objects.filter(value__in=values).delete()
    return deleted
