"""Reading deploy-time configuration from the environment.

Every value the site needs at deploy time comes from one environment variable of
the same name (see `.env.example`). These helpers keep the parsing in one place
and give clear errors for malformed values.
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


def production_problems(settings):
    """What keeps these settings from serving safely: empty when DEBUG is on or all is set."""
    if settings.DEBUG:
        return []
    problems = []
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        secret_key = ""
    if not secret_key:
        problems.append(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or DEBUG=True for local development."
        )
    if not settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is not set. Set it to the site's host names, comma-separated.")
    return problems


def refuse_unsafe_production(settings):
    """Raise before serving when production settings are incomplete."""
    if problems := production_problems(settings):
        raise ImproperlyConfigured(" ".join(problems))
