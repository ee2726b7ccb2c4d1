"""One-time links for setting up two-factor sign-in.

Someone who must use two-factor and has no device can set one up only after opening a link
sent to their own email address (or printed by `manage.py invite_two_factor --print`), while
signed in with their password: the password alone is not enough to enrol an authenticator.
A link is signed, names its user, expires after MAX_AGE and works once: it carries the nonce
of the user's one `TwoFactorInvitation`, which a new link replaces and setting up deletes.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.models import TwoFactorInvitation

MAX_AGE = timedelta(days=3)
SALT = "accounts.two-factor-invitation"
SESSION_KEY = "accounts_two_factor_invitation"


def issue(user):
    """A new link token for the user; earlier links stop working."""
    nonce = secrets.token_urlsafe(24)
    TwoFactorInvitation.objects.update_or_create(user=user, defaults={"nonce": nonce})
    return signing.TimestampSigner(salt=SALT).sign_object({"u": user.pk, "n": nonce})


def link(user):
    """An absolute set-up link for the user, on WAGTAILADMIN_BASE_URL."""
    path = reverse("accounts_two_factor_enrol", args=[issue(user)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def is_valid(token, user):
    """True when the token is this user's current link, unexpired and not used."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(data, dict) or data.get("u") != user.pk:
        return False
    return TwoFactorInvitation.objects.filter(user=user, nonce=str(data.get("n"))).exists()


def accept(request, token):
    """Keeps a valid link in the session, so the set-up page lets the user enrol; False when
    the link is not valid for the signed-in user."""
    if not is_valid(token, request.user):
        return False
    request.session[SESSION_KEY] = token
    return True


def session_allows_setup(request):
    return is_valid(request.session.get(SESSION_KEY, ""), request.user)


def use(request):
    """Spends the user's link once their authenticator is confirmed."""
    TwoFactorInvitation.objects.filter(user=request.user).delete()
    request.session.pop(SESSION_KEY, None)
