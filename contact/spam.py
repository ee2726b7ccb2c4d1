"""Holding off spam without third parties: a honeypot, a signed time check and a rate limit.

None of these may block a person for good: a form that is too old is shown again with a
request to send it again, and the rate limit only counts requests that were accepted.
"""

import hashlib
import hmac
import logging
import math
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache, caches
from django.utils.translation import gettext_lazy as _

from siteplatform.cache_backends import LOCAL_ALIAS, CacheUnavailable
from siteplatform.client_address import client_address

logger = logging.getLogger(__name__)

STARTED_SALT = "contact.form-started"
HONEYPOT_FIELD = "extra_info"

TOO_OLD_MESSAGE = _(
    "This page was open for a long time, so for your security we need you to send it again. "
    "Your answers are still here: please check them and press the button again."
)
NOT_ACCEPTED_MESSAGE = _(
    "Sorry, we could not send that yet. Please check your answers and press the button again."
)
RATE_LIMITED_MESSAGE = _(
    "We have received several requests from your connection in the last few minutes, so we paused "
    "this one. Please wait a few minutes and send it again, or call us instead."
)


def issue_started_token(now=None):
    """A signed record of when the form was served, in whole milliseconds rounded down (never
    later than it was)."""
    served = time.time() if now is None else now
    return signing.Signer(salt=STARTED_SALT).sign(f"{math.floor(served * 1000) / 1000:.3f}")


def check_started_token(token, now=None):
    """None when the form was served long enough ago and not too long ago, else the reason:
    'invalid' (missing or tampered), 'too_fast' or 'too_old'."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return "invalid"
    try:
        started = float(signing.Signer(salt=STARTED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return "invalid"
    age = (time.time() if now is None else now) - started
    if age < settings.CONTACT_MIN_FILL_SECONDS:
        return "too_fast"
    if age > settings.CONTACT_MAX_FORM_AGE_SECONDS:
        return "too_old"
    return None


class SpamCheckedForm(forms.Form):
    """Adds the honeypot and the signed start time to a form.

    The template renders both by hand: the honeypot hidden from people (and from assistive
    technology), and the start time freshly signed on every render (`fresh_started`).
    """

    extra_info = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown again after an error, the form keeps its first start time while that is still
        # good, so a person who fixes one answer quickly is not asked to wait.
        token = self.data.get("started") if self.is_bound else None
        reusable = check_started_token(token) in (None, "too_fast")
        self.fresh_started = token if reusable else issue_started_token()

    def is_honeypot_filled(self):
        value = self.data.get(HONEYPOT_FIELD, "") if self.is_bound else ""
        return bool(value.strip()) if isinstance(value, str) else bool(value)

    def clean(self):
        cleaned_data = super().clean()
        reason = check_started_token(self.data.get("started"))
        if reason == "too_old":
            self.add_error(None, forms.ValidationError(TOO_OLD_MESSAGE, code="too_old"))
        elif reason:
            self.add_error(None, forms.ValidationError(NOT_ACCEPTED_MESSAGE, code=reason))
        return cleaned_data


def _rate_key(request):
    # Only a keyed hash of the address reaches the cache.
    digest = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256)
    return f"contact:rate:{digest.hexdigest()[:32]}"


# Set on a request whose submission holds a reserved slot, so that it is counted once.
RESERVED_ATTRIBUTE = "contact_rate_slot_reserved"


def _counters():
    """Where the counts live: the shared cache, or this process's memory while the shared cache
    is unreachable (a per-process limit is weaker, but refusing every enquiry would be worse)."""
    if getattr(cache, "available", True):
        return cache
    fallback.note()
    return caches[LOCAL_ALIAS]


class Fallback:
    """Says once per process that the limit is counted locally (the cache backend logs the
    outage itself, also once)."""

    noted = False

    def note(self):
        if not self.noted:
            self.noted = True
            logger.warning("The contact forms' rate limit counts per process until the shared cache answers.")


fallback = Fallback()


def _shared_or_local(operation, key):
    counters = _counters()
    try:
        return operation(counters, key)
    except CacheUnavailable:  # Redis went away during this request
        fallback.note()
        return operation(caches[LOCAL_ALIAS], key)


def _add_one(counters, key):
    """Add one to the counter at `key` in a single cache operation; the new count."""
    if counters.add(key, 1, timeout=settings.CONTACT_RATE_WINDOW_SECONDS):
        return 1
    try:
        return counters.incr(key)
    except ValueError:  # expired between add() and incr()
        counters.add(key, 0, timeout=settings.CONTACT_RATE_WINDOW_SECONDS)
        return counters.incr(key)


def _take_one(counters, key):
    try:
        counters.decr(key)
    except ValueError:  # the window has passed: nothing left to give back
        pass


def _count_one(key):
    return _shared_or_local(_add_one, key)


def _uncount_one(key):
    _shared_or_local(_take_one, key)


def is_rate_limited(request):
    """Whether the client's address has used up its accepted submissions (a read only)."""
    return (_counters().get(_rate_key(request)) or 0) >= settings.CONTACT_RATE_LIMIT


def reserve_slot(request):
    """Take one of the client's accepted submissions before saving; False when none is left.

    Counting and checking are one atomic cache increment, so parallel posts from one address
    cannot all pass a check made before any of them is counted. A request that then saves
    nothing gives its slot back with `release_slot`.
    """
    key = _rate_key(request)
    if _count_one(key) > settings.CONTACT_RATE_LIMIT:
        _uncount_one(key)
        return False
    setattr(request, RESERVED_ATTRIBUTE, True)
    return True


def release_slot(request):
    """Give back the slot `reserve_slot` took, when the submission was not saved."""
    if getattr(request, RESERVED_ATTRIBUTE, False):
        setattr(request, RESERVED_ATTRIBUTE, False)
        _uncount_one(_rate_key(request))


def record_accepted(request):
    """Count one accepted (or quietly discarded) submission against the client's address,
    unless `reserve_slot` already counted it."""
    if not getattr(request, RESERVED_ATTRIBUTE, False):
        _count_one(_rate_key(request))
