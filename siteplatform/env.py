"""Parsing helpers for deploy-time configuration.

`siteplatform/settings.py` reads each environment variable once (see `.env.example`): the
booleans, whole numbers, lists, URLs and the mail URL through these helpers, which give clear
errors for malformed values; free text (SECRET_KEY, paths, sender names, bucket names) with
`os.environ` directly, and DATABASE_URL through `dj_database_url`.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=""):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name):
    """An absolute http(s) address without a trailing slash, or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/"):
        raise ImproperlyConfigured(f"{name} must be an address such as https://www.example.org, not {raw!r}.")
    return f"{parts.scheme}://{parts.netloc}"


CONSOLE_MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}


def mailer_from_url(url):
    """Turn an EMAIL_URL into one Django 6.1 MAILERS entry.

    `smtp://user:pass@host:587/?tls=True` uses STARTTLS, `smtps://` (or `?ssl=True`)
    implicit TLS, `console://` prints, `locmem://` keeps mail in memory for tests.
    An empty URL prints to the console.
    """
    if not url:
        return dict(CONSOLE_MAILER)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return dict(CONSOLE_MAILER)
    if scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps://, console:// or locmem://, not {scheme!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp://mail.example.com:587/?tls=True")
    query = {key.lower(): values[-1] for key, values in parse_qs(parts.query).items()}

    def flag(key):
        return query.get(key, "").strip().lower() in TRUE_VALUES

    options = {
        "host": parts.hostname,
        "use_tls": flag("tls"),
        "use_ssl": scheme == "smtps" or flag("ssl"),
        "timeout": int(query.get("timeout", 10)),
    }
    if parts.port:
        options["port"] = parts.port
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


def media_storage(environ):
    """The default storage for MEDIA_BUCKET (an S3-compatible bucket) and the origin its image
    URLs load from, which the CSP must allow; (None, None) on the local disk. Image files load
    straight from the bucket or CDN through plain URLs that never expire, so cached pages stay
    whole; documents stay private there, streamed by Wagtail's view. No object gets an ACL."""
    bucket = environ.get("MEDIA_BUCKET", "")
    if not bucket:
        return None, None
    endpoint = environ.get("MEDIA_ENDPOINT_URL", "")
    custom_domain = environ.get("MEDIA_CUSTOM_DOMAIN", "")
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": environ.get("MEDIA_REGION") or None,
            "custom_domain": custom_domain or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            # Rendition names are reused when an image's file is replaced: a day, not a year.
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    if custom_domain:
        origin = f"https://{custom_domain}"
    elif endpoint:  # path-style addresses on the provider's endpoint
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint))
    else:
        origin = f"https://{bucket}.s3.amazonaws.com"
    return storage, origin


def frontend_caches(environ):
    """WAGTAILFRONTENDCACHE for the proxy or CDN in front, any or none: Varnish or any cache that
    takes HTTP PURGE (FRONTEND_CACHE_PURGE_URL), Cloudflare, CloudFront (with boto3 and AWS
    credentials in the environment). Each is emptied in one request on a content change
    (siteplatform/frontend_cache.py)."""
    caches = {}
    if location := environ.get("FRONTEND_CACHE_PURGE_URL"):
        caches["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    if zone := environ.get("CLOUDFLARE_ZONE_ID"):
        caches["cloudflare"] = {
            "BACKEND": "siteplatform.frontend_cache.CloudflareBackend",  # "/*" empties the zone
            "ZONEID": zone,
            "BEARER_TOKEN": environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        }
    if distribution := environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        caches["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": distribution,
        }
    return caches
