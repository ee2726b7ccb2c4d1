"""Settings for the test suite: production settings with HTTPS-only bits relaxed.

Tests run with DEBUG off, as production does. The live-site fixture starts real
server processes with this module too, and passes its own environment.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
# A fixed key for what the suite encrypts (siteplatform/data_keys.py); never a real one.
os.environ.setdefault("DATA_KEYS", "dGVzdHMtb25seS1kYXRhLWtleS0wMTIzNDU2Nzg5YWI=")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "We Rise Therapy <noreply@example.org>")
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://testserver")
# Two-factor sign-in is required with DEBUG off; the suite signs staff in with force_login, so
# it is off here and tests/accounts turns it on (and a browser test signs in with a real code).
os.environ.setdefault("TWO_FACTOR_REQUIRED", "False")
# Renditions made on every image save cost seconds per image (AVIF); tests/practice/test_renditions.py
# turns them on where they are the subject, the rest of the suite makes them on demand as before.
os.environ.setdefault("RENDITIONS_AHEAD", "False")
os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / f"practice-test-media-{os.getpid()}"))

from siteplatform.settings import *  # noqa: E402, F403
from siteplatform.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405 - page-created chatter
