"""Settings come from the environment and production refuses unsafe defaults.

What the settings make of each variable is read in this process (tests/environment.py). Three
smoke tests start Python as a deployment does: gunicorn's first step refusing to serve without a
secret, `makemigrations --check` on a bare checkout, and `check --deploy` with production values.
"""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler
from django.test import override_settings

from siteplatform.checks import production_problems
from siteplatform.env import mailer_from_url
from tests.environment import PRODUCTION, TEST_RUN_VARIABLES, settings_from

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args, **env):
    """A fresh interpreter with a deployment's environment: none of the test run's variables."""
    base = {k: v for k, v in os.environ.items() if k not in {*TEST_RUN_VARIABLES, *PRODUCTION}}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "siteplatform.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**env):
    return settings_from({**PRODUCTION, **env}, clean=True)


def problems(**env):
    return production_problems(SimpleNamespace(**settings_from(env, clean=True)))


# Smoke tests: a real process each ------------------------------------------------------------


def test_production_refuses_to_start_without_a_secret_key():
    """What gunicorn does first: import the WSGI application."""
    assert run_python("-c", "import siteplatform.wsgi", **PRODUCTION).returncode == 0
    server = run_python("-c", "import siteplatform.wsgi", **{**PRODUCTION, "SECRET_KEY": ""})
    assert server.returncode != 0
    assert "SECRET_KEY is not set" in server.stderr


def test_a_bare_checkout_can_check_its_migrations():
    """No environment at all: developer commands that need no secret still run."""
    result = run_python("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_check_deploy_is_clean_with_production_values():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# In process ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY is not set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set")],
)
def test_production_names_what_is_missing(missing, message):
    assert problems(**PRODUCTION) == []
    found = problems(**{**PRODUCTION, missing: ""})
    assert len(found) == 1 and message in found[0]


def test_debug_mode_starts_without_any_configuration():
    configured = settings_from({"DEBUG": "True"}, clean=True)
    assert configured["SECRET_KEY"] and configured["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert problems(DEBUG="True") == []
    assert configured["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"


def test_production_is_https_with_secure_cookies_and_a_strict_policy():
    configured = production()
    assert configured["SECURE_SSL_REDIRECT"] and configured["SESSION_COOKIE_SECURE"]
    assert configured["SECURE_HSTS_SECONDS"] == 31_536_000
    assert configured["TWO_FACTOR_REQUIRED"] is True
    assert configured["SECURE_CSP"]["script-src"] == ["'self'"]
    assert configured["WAGTAILADMIN_BASE_URL"] == "https://www.example.org"


def test_two_factor_is_required_unless_debug_is_on():
    assert settings_from({"DEBUG": "True"}, clean=True)["TWO_FACTOR_REQUIRED"] is False
    assert settings_from({"DEBUG": "True", "TWO_FACTOR_REQUIRED": "yes"}, clean=True)["TWO_FACTOR_REQUIRED"]


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
    assert production()["MAILERS"]["default"]["OPTIONS"]["host"] == "smtp.example.org"


def test_smtps_uses_implicit_tls_and_no_url_prints_to_console():
    assert mailer_from_url("smtps://mail.example.org")["OPTIONS"]["use_ssl"] is True
    assert mailer_from_url("")["BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "ftp://x"])
def test_bad_email_urls_fail_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        production(EMAIL_URL=url)


def test_a_file_database_runs_in_wal_mode(tmp_path, django_db_blocker):
    """WAL lets the site read while the worker writes; an in-memory database cannot show it."""
    databases = production(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")["DATABASES"]
    connection = ConnectionHandler(databases)["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            modes = [
                cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "busy_timeout")
            ]
    finally:
        connection.close()
    assert modes == ["wal", 20000]


def test_contact_limits_are_read_from_the_environment_with_defaults():
    assert production()["CONTACT_RATE_LIMIT"] == 5
    assert production(CONTACT_RATE_LIMIT="7")["CONTACT_RATE_LIMIT"] == 7
    assert production(CONTACT_NOTIFY_RETRY_SECONDS="2")["CONTACT_NOTIFY_RETRY_SECONDS"] == 2
    with pytest.raises(ImproperlyConfigured, match="CONTACT_RATE_LIMIT must be a whole number"):
        production(CONTACT_RATE_LIMIT="many")


def test_site_url_is_where_admin_links_point():
    assert (
        production(SITE_URL="https://www.example.org/")["WAGTAILADMIN_BASE_URL"] == "https://www.example.org"
    )
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be an address"):
        production(SITE_URL="www.example.org")


def test_site_languages_come_from_the_environment():
    def languages(value):
        configured = production(SITE_LANGUAGES=value)
        assert configured["WAGTAIL_CONTENT_LANGUAGES"] == configured["LANGUAGES"]
        return [code for code, _name in configured["LANGUAGES"]]

    assert languages("en,ko") == ["en", "ko"]
    assert languages(" en , hi ") == ["en", "hi"]
    with pytest.raises(ImproperlyConfigured, match="must include en"):
        languages("ko,hi")
    with pytest.raises(ImproperlyConfigured, match="does not know"):
        languages("en,klingon")


def test_without_redis_the_workers_of_one_machine_share_the_generation():
    caches = production()["CACHES"]
    assert caches["page_generation"]["BACKEND"].endswith("FileBasedCache")
    assert production()["PAGE_CACHE_GENERATION_ALIAS"] == "page_generation"
    with_redis = production(
        REDIS_URL="redis://127.0.0.1:6379/3", PAGE_CACHE_REDIS_URL="redis://127.0.0.1:6380/0"
    )
    assert with_redis["PAGE_CACHE_GENERATION_ALIAS"] == "default"
    assert with_redis["PAGE_CACHE_ALIAS"] == "pages"
    assert with_redis["CACHES"]["pages"]["LOCATION"] == "redis://127.0.0.1:6380/0"


def test_each_proxy_or_cdn_is_configured_from_its_variables():
    assert production()["WAGTAILFRONTENDCACHE"] == {}
    configured = production(
        FRONTEND_CACHE_PURGE_URL="http://10.0.0.5:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
        CLOUDFRONT_DISTRIBUTION_ID="E123",
    )["WAGTAILFRONTENDCACHE"]
    assert configured["proxy"]["LOCATION"] == "http://10.0.0.5:6081"
    assert configured["cloudflare"]["BACKEND"] == "siteplatform.frontend_cache.CloudflareBackend"
    assert configured["cloudfront"]["DISTRIBUTION_ID"] == "E123"


@pytest.mark.parametrize(
    ("env", "status"),
    [({}, 301), ({"TRUSTED_PROXY_COUNT": "1"}, 200), ({"CONTACT_TRUSTED_PROXY_COUNT": "1"}, 200)],
    ids=["no proxy", "a trusted proxy", "the name of one release ago"],
)
def test_a_client_cannot_claim_https_unless_a_proxy_is_trusted(client, db, env, status):
    """A plain-HTTP request that claims, in X-Forwarded-Proto, to be HTTPS: without a trusted proxy
    the header came from the client, so production still redirects it to HTTPS."""
    configured = production(**env)
    with override_settings(
        SECURE_SSL_REDIRECT=configured["SECURE_SSL_REDIRECT"],
        SECURE_PROXY_SSL_HEADER=configured["SECURE_PROXY_SSL_HEADER"],
        TRUSTED_PROXY_COUNT=configured["TRUSTED_PROXY_COUNT"],
    ):
        response = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == status
