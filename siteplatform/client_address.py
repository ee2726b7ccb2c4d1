"""Who the client is, for everything that counts per address (the contact forms' rate limit,
the sign-in throttle): one rule, one setting.

`TRUSTED_PROXY_COUNT` also decides in settings whether X-Forwarded-Proto is believed.
"""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the outermost
    trusted proxy saw (X-Forwarded-For read from the right, so a client cannot choose it)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
