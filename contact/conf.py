"""Tunable limits of the contact app.

Each value comes from a Django setting of the same name when one is defined (tests
override them that way), else from the environment variable of that name, else the
default. The defaults are right for production; the concurrency test and the
benchmark raise the rate limit and lower the minimum fill-in time through the
environment.
"""

from django.conf import settings

from practice.env import env_int

DEFAULTS = {
    # Saved submissions allowed per client address within the window.
    "CONTACT_RATE_LIMIT": 5,
    "CONTACT_RATE_WINDOW_SECONDS": 600,
    # A form sent back quicker than this after it was served is treated as a bot.
    "CONTACT_MIN_FILL_SECONDS": 3,
    # A form older than this asks the visitor to send it again.
    "CONTACT_MAX_FORM_AGE_SECONDS": 2 * 60 * 60,
    # Staff notification: attempts before it stays failed, and the first back-off.
    "CONTACT_NOTIFY_MAX_ATTEMPTS": 6,
    "CONTACT_NOTIFY_RETRY_SECONDS": 60,
    # How many reverse proxies in front of the site append to X-Forwarded-For.
    # 0 (the default) trusts only REMOTE_ADDR, which a client cannot forge.
    "CONTACT_TRUSTED_PROXY_COUNT": 0,
}


def get(name):
    """The current value of one limit (read on each call, so tests can override it)."""
    if hasattr(settings, name):
        return int(getattr(settings, name))
    return env_int(name, DEFAULTS[name])
