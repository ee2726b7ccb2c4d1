"""The public address of the site (SITE_URL) and absolute links on it.

Wagtail builds page addresses (sitemap, canonical, feed) from its default Site record;
`site_record_values` says what that record must hold for SITE_URL, and
`manage.py sync_site_url` (run by `make run` and `make serve`) writes it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_record_values(site_url):
    """The Site record's hostname and port for an address such as https://www.example.org.

    Wagtail's Site.root_url says https only on port 443 and http on any other port, so an
    address it could not give back (https on another port, http on 443) is refused.
    """
    parts = urlsplit(site_url)
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"SITE_URL {site_url!r}: Wagtail serves https on port 443 only, and http on any other port."
        )
    return {"hostname": parts.hostname, "port": port}


def absolute_url(path, request=None):
    """`path` on SITE_URL when it is set, else on the address the request came to."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
