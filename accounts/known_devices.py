"""The "known device" cookie (OWASP's device-cookie pattern): a browser that has signed in to
an account with its password before is let past that account's wait (`accounts.throttle`),
so guessing an account from elsewhere never keeps its owner out of her usual browser.

The cookie is signed (it cannot be written by hand or moved to another name), HttpOnly and
limited to the admin. It proves only that the browser once knew the password: the address
limits and the second factor still apply to it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

COOKIE_NAME = "accounts_known_device"
SALT = "accounts.known-device"
MAX_AGE_SECONDS = 180 * 24 * 60 * 60
MAX_ACCOUNTS = 5  # a shared front-desk computer may sign in a few people


def accounts(request):
    """The (normalised) account names this browser has signed in to, newest last."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return []
    try:
        names = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return []
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def remember(request, account):
    """Marks the request so `set_cookie` adds the account once the response exists."""
    request.accounts_signed_in_as = account


def set_cookie(request, response):
    """Adds the account marked by `remember` to the browser's cookie, if one was marked."""
    account = getattr(request, "accounts_signed_in_as", None)
    if not account:
        return
    names = [name for name in accounts(request) if name != account][-(MAX_ACCOUNTS - 1) :] + [account]
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(names, salt=SALT, compress=True),
        max_age=MAX_AGE_SECONDS,
        path=reverse("wagtailadmin_home"),
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
