"""The client's address, as the sign-in throttle counts it."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the outermost
    trusted proxy saw (X-Forwarded-For read from the right, so a client cannot choose it).

    The same rule as the contact form's rate limit; the two are to share one setting.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
