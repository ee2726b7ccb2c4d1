"""siteplatform/settings.py read in this process under a chosen environment, as a process started
with that environment would read it: what the settings make of each variable is tested without
starting Python again (tests/siteplatform/test_settings.py keeps three subprocess smoke tests)."""

import contextlib
import os
import runpy
from pathlib import Path

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "siteplatform" / "settings.py"
# What the test run itself sets (here and in tests/settings.py), which a deployment would not have.
TEST_RUN_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "DATA_KEYS",
    "WAGTAILADMIN_BASE_URL",
    "DEFAULT_FROM_EMAIL",
    "TWO_FACTOR_REQUIRED",
    "RENDITIONS_AHEAD",
    "MEDIA_ROOT",
)
# A production environment: every value the site refuses to serve without.
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a-real-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "www.example.org",
    "DATA_KEYS": "cHJvZHVjdGlvbi10ZXN0LWRhdGEta2V5LTAxMjM0NTY=",
    "EMAIL_URL": "smtp://user:pass@smtp.example.org:587/?tls=True",
}


def settings_from(environ, *, clean=False):
    """The settings module's names and values with `environ` set (on top of this process's
    environment, or, with `clean`, of it without the test run's and PRODUCTION's variables)."""
    unset = (*TEST_RUN_VARIABLES, *PRODUCTION) if clean else ()
    with patched_environ(environ, unset=unset):
        return runpy.run_path(str(SETTINGS_FILE))


@contextlib.contextmanager
def patched_environ(environ, *, unset=()):
    names = {*environ, *unset}
    saved = {name: os.environ.get(name) for name in names}
    for name in unset:
        os.environ.pop(name, None)
    os.environ.update(environ)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
