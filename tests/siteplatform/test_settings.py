"""Settings come from the environment and production refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from siteplatform.env import mailer_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a-real-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "www.example.org",
    "EMAIL_URL": "smtp://user:pass@smtp.example.org:587/?tls=True",
}


def run_python(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests; a deployment never has it.
    unset = {
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "WAGTAILADMIN_BASE_URL",
        *PRODUCTION,
    }
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "siteplatform.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, **env):
    return run_python("manage.py", *args, **env)


def start_server(**env):
    """What gunicorn does first: import the WSGI application."""
    return run_python("-c", "import siteplatform.wsgi", **env)


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY is not set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set")],
)
def test_production_refuses_to_start_without(missing, message):
    assert start_server(**PRODUCTION).returncode == 0
    server = start_server(**{**PRODUCTION, missing: ""})
    assert server.returncode != 0
    assert message in server.stderr
    deploy_check = run_manage("check", "--deploy", **{**PRODUCTION, missing: ""})
    assert deploy_check.returncode != 0
    assert message in deploy_check.stderr


def test_a_bare_checkout_can_check_its_migrations():
    """No environment at all: developer commands that need no secret still run."""
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_mode_starts_without_any_configuration():
    result = run_manage("check", DEBUG="True")
    assert result.returncode == 0, result.stderr


def test_email_url_with_starttls_becomes_an_smtp_mailer():
    mailer = mailer_from_url("smtp://ann%40x.org:p%2Fw@mail.example.org:587/?tls=True&timeout=5")
    assert mailer == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "mail.example.org",
            "port": 587,
            "username": "ann@x.org",
            "password": "p/w",
            "use_tls": True,
            "use_ssl": False,
            "timeout": 5,
        },
    }


def test_smtps_uses_implicit_tls_and_no_url_prints_to_console():
    assert mailer_from_url("smtps://mail.example.org")["OPTIONS"]["use_ssl"] is True
    assert mailer_from_url("")["BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "ftp://x"])
def test_bad_email_urls_fail_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        mailer_from_url(url)


def setting(name, **env):
    """The value a fresh process sees for one setting, given this environment."""
    result = run_python(
        "-c", f"from django.conf import settings; print(repr(settings.{name}))", **{**PRODUCTION, **env}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_file_database_runs_in_wal_mode(tmp_path):
    """WAL lets the site read while the worker writes; an in-memory database cannot show it."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    print(cursor.execute('PRAGMA journal_mode').fetchone()[0],"
        " cursor.execute('PRAGMA busy_timeout').fetchone()[0])",
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


def test_contact_limits_are_read_from_the_environment_with_defaults():
    assert setting("CONTACT_RATE_LIMIT") == "5"
    assert setting("CONTACT_RATE_LIMIT", CONTACT_RATE_LIMIT="7") == "7"
    assert setting("CONTACT_NOTIFY_RETRY_SECONDS", CONTACT_NOTIFY_RETRY_SECONDS="2") == "2"
    broken = run_python("-c", "import django; django.setup()", **PRODUCTION, CONTACT_RATE_LIMIT="many")
    assert "CONTACT_RATE_LIMIT must be a whole number" in broken.stderr


def test_site_url_is_where_admin_links_point():
    assert (
        setting("WAGTAILADMIN_BASE_URL", SITE_URL="https://www.example.org/") == "'https://www.example.org'"
    )
    broken = run_python("-c", "import django; django.setup()", **PRODUCTION, SITE_URL="www.example.org")
    assert "SITE_URL must be an address" in broken.stderr


def request_scheme_redirect(**env):
    """What production answers a plain-HTTP request that claims, in X-Forwarded-Proto, to be HTTPS."""
    result = run_python(
        "-c",
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz', HTTP_HOST='www.example.org', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(response.status_code)",
        **PRODUCTION,
        DATABASE_URL="sqlite:///:memory:",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_client_cannot_claim_https_unless_a_proxy_is_trusted():
    # No proxy: the header came from the client, so the site still redirects to HTTPS.
    assert request_scheme_redirect() == "301"
    assert request_scheme_redirect(TRUSTED_PROXY_COUNT="1") == "200"
    # The name of one release ago still works.
    assert request_scheme_redirect(CONTACT_TRUSTED_PROXY_COUNT="1") == "200"
