"""Throttling password guessing without handing guessers a way to lock staff out.

Counts live in the database (`SignInThrottle`), so every app host and worker shares them and
staff can see and lift them. Three keys are counted for each wrong password:

- an account from one address (`ACCOUNT_ADDRESS`) and an address (`ADDRESS`) are hard limits:
  at SIGNIN_MAX_FAILURES / SIGNIN_MAX_FAILURES_PER_ADDRESS they pause for
  SIGNIN_LOCKOUT_SECONDS. They stop one guesser without touching anyone elsewhere.
- an account from anywhere (`ACCOUNT`) is never paused: from SIGNIN_MAX_FAILURES on, each
  wrong password makes the next try wait twice as long (SIGNIN_DELAY_SECONDS, default 1 s,
  then 2 s, 4 s ... up to SIGNIN_LOCKOUT_SECONDS). A browser that has signed in to the account before skips this key
  (`accounts.known_devices`), so guessers spread over many addresses slow each other down but
  never shut the owner out.

A key's count starts again once it has had no failure for SIGNIN_LOCKOUT_SECONDS. Tries that
are refused are not checked and not counted. Accounts are counted by the name entered,
whether or not it exists, so a pause or wait says nothing about which accounts exist.
"""

import math
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
WAIT_MESSAGE = (
    "Too many unsuccessful attempts for this account. Please wait {seconds} before trying "
    "again. A browser you have signed in with before does not have to wait."
)
RESET_LOCKED_MESSAGE = (
    "Too many password reset requests. Please try again in {minutes} minutes, "
    "or ask an administrator for help."
)
DELAYED_SCOPES = {Scope.ACCOUNT}


def normalise_account(value):
    """Usernames and emails are counted case-insensitively so case changes do not add tries."""
    return (value or "").strip().lower()[:254]


def account_from_address(account, address):
    """The value of an ACCOUNT_ADDRESS key, readable in the lockouts report."""
    return f"{account} from {address}"[:254]


def lockout_minutes():
    return max(1, settings.SIGNIN_LOCKOUT_SECONDS // 60)


def limit_for(scope):
    if scope in (Scope.ADDRESS, Scope.RESET_ADDRESS):
        return settings.SIGNIN_MAX_FAILURES_PER_ADDRESS
    return settings.SIGNIN_MAX_FAILURES


def refusal_for(scope, failures):
    """How long a key refuses tries after its `failures`th failure (a timedelta, or None)."""
    over = failures - limit_for(scope)
    if over < 0:
        return None
    if scope in DELAYED_SCOPES:
        first = settings.SIGNIN_DELAY_SECONDS
        seconds = min(first * 2 ** min(over, 30), settings.SIGNIN_LOCKOUT_SECONDS)
    else:
        seconds = settings.SIGNIN_LOCKOUT_SECONDS
    return timedelta(seconds=seconds)


def keys_query(keys):
    query = Q(pk__in=[])
    for scope, value in keys:
        if value:
            query |= Q(scope=scope, value=value)
    return query


def is_locked(*keys, now=None):
    """True when any of the (scope, value) keys refuses tries now."""
    return seconds_to_wait(*keys, now=now) > 0


def seconds_to_wait(*keys, now=None):
    """Whole seconds until every one of the keys takes tries again (0: now)."""
    now = now or timezone.now()
    until = (
        SignInThrottle.objects.filter(keys_query(keys), locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return math.ceil((until - now).total_seconds()) if until else 0


def wait_message(seconds):
    return WAIT_MESSAGE.format(seconds=f"{seconds} second{'' if seconds == 1 else 's'}")


def record_failure(scope, value, now=None):
    """Counts one failure (atomically), sets how long the key then refuses tries, and returns
    the key's count (0 when there is no value to count)."""
    if not value:
        return 0
    now = now or timezone.now()
    quiet = now - timedelta(seconds=settings.SIGNIN_LOCKOUT_SECONDS)
    rows = SignInThrottle.objects.filter(scope=scope, value=value)
    with transaction.atomic():
        try:
            with transaction.atomic():
                SignInThrottle.objects.create(scope=scope, value=value, failures=0, window_started_at=now)
        except IntegrityError:
            pass
        # A key that has been quiet (and is not refusing tries) starts counting again.
        rows.filter(Q(last_failure_at__lte=quiet) | Q(last_failure_at__isnull=True)).filter(
            Q(locked_until__isnull=True) | Q(locked_until__lte=now)
        ).update(failures=0, window_started_at=now, locked_until=None)
        rows.update(failures=F("failures") + 1, last_failure_at=now)
        # The update above holds the row until commit, so this count is this failure's own.
        failures = rows.values_list("failures", flat=True).get()
        refusal = refusal_for(scope, failures)
        if refusal is not None:
            rows.update(locked_until=now + refusal)
    return failures


def clear(scope, value):
    SignInThrottle.objects.filter(scope=scope, value=value).delete()


def active_lockouts(now=None):
    return SignInThrottle.objects.filter(locked_until__gt=now or timezone.now())


def lift(value):
    """Removes every count, pause and wait for a username, email or address (including its
    account-from-address keys); returns how many."""
    values = {value.strip(), normalise_account(value)} - {""}
    query = Q(value__in=values)
    for each in values:
        query |= Q(scope=Scope.ACCOUNT_ADDRESS, value__startswith=f"{each} from ")
        query |= Q(scope=Scope.ACCOUNT_ADDRESS, value__endswith=f" from {each}")
    deleted, _ = SignInThrottle.objects.filter(query).delete()
    return deleted
