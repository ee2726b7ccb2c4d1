"""Settings for the practice website.

Safe by default: DEBUG is off unless the environment turns it on, and with DEBUG
off the site refuses to start without a real SECRET_KEY and ALLOWED_HOSTS. Every
deploy-time value comes from one environment variable (see `.env.example`).
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from siteplatform import data_keys
from siteplatform.cache_backends import machine_caches, redis_caches
from siteplatform.env import (
    env_bool,
    env_int,
    env_list,
    env_url,
    frontend_caches,
    mailer_from_url,
    media_storage,
)
from siteplatform.release import identify as identify_release

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# Without DEBUG, a missing SECRET_KEY or ALLOWED_HOSTS stops the site from serving (see
# siteplatform.checks.production_problems, used by wsgi.py and the deploy check), while commands that need neither, such as
# `makemigrations --check`, still run on a bare checkout.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

# The keys that encrypt enquiries and backups, newest first (siteplatform/data_keys.py): apart from
# SECRET_KEY and the database, so neither a copied database nor a leaked backup can be read.
DATA_KEYS = data_keys.configured(os.environ.get("DATA_KEYS", ""), BASE_DIR, DEBUG)

INSTALLED_APPS = [
    "siteplatform",  # the platform below every app: settings, caches, languages, middleware
    "practice",
    "blog",
    # Below contact, which books its calls: listed first, so its demo hosts exist when contact's
    # sample requests book one (load_demo_content runs the apps' demos in this order).
    "booking",  # the free consultation's availability, slots and bookings
    "contact",
    "accounts",
    "readership",  # counted, not tracked: aggregate readership numbers (README)
    "wagtail.contrib.settings",
    # Not "wagtail.contrib.frontend_cache": its backends are used (siteplatform/frontend_cache.py),
    # but installed, its signal handlers would also purge each published page by address.
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale admin, replacing wagtail.locales
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # passkeys as a second factor (accounts/passkeys.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# The request path, in order. This list is the one place the order is stated; each position has
# its reason (README, "Architecture", draws the same path):
MIDDLEWARE = [
    # HTTPS redirect and HSTS first, so every answer, a cached one too, carries them.
    "django.middleware.security.SecurityMiddleware",
    # A cache hit answers here: before sessions, auth and CSRF, so it costs no query.
    "siteplatform.page_cache.PageCacheMiddleware",
    # Static files, also without a session.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address: after sessions, before CommonMiddleware (Django's docs).
    "siteplatform.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor: django-otp marks the user verified, then ours sends the unverified to it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # Intake staff: signed out when idle, a fresh second factor before an export.
    "accounts.sessions.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before any view reads the body (CSRF reads it in process_view), after the headers above.
    "siteplatform.middleware.RequestBodyGuardMiddleware",
    # Listed after CSP and framing so its response hook runs first and relaxes them for the admin.
    "siteplatform.middleware.SecurityHeadersMiddleware",
    "siteplatform.middleware.CachedSettingsMiddleware",
    # Last: a redirect an editor set up applies only where nothing else answered (a 404).
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "siteplatform.urls"
WSGI_APPLICATION = "siteplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# Django's own widget templates from their Jinja2 copies (siteplatform/form_renderer.py).
FORM_RENDERER = "siteplatform.form_renderer.FastWidgetRenderer"

# Database: SQLite (WAL, immediate transactions) unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # Wagtail's database search backend uses PostgreSQL's full-text fields and GIN indexes.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker and host), through a backend that
# treats an unreachable Redis as a miss, so an outage slows the site instead of stopping it
# (siteplatform/cache_backends.py). PAGE_CACHE_REDIS_URL may put pages and fragments on a second,
# evicting Redis, away from the generation and the rate limits (README, "Page cache").
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = redis_caches(REDIS_URL, os.environ.get("PAGE_CACHE_REDIS_URL"))
else:
    _database = DATABASES["default"]
    CACHES = machine_caches(f"{BASE_DIR}|{_database.get('HOST')}|{_database.get('NAME')}")

# The code that is running (siteplatform/release.py): RELEASE, else the git commit, else a hash of
# the source. Every cached page and fragment is tied to it, so a deploy never serves HTML (or
# reads pickles) that other code made, even on the same Redis.
RELEASE = identify_release(BASE_DIR, os.environ)

# Page cache (siteplatform/page_cache.py): anonymous visitors' GET/HEAD of public pages are kept
# whole for PAGE_CACHE_SECONDS (0 turns it off); browsers may keep them for
# PAGE_CACHE_BROWSER_SECONDS. Its middleware sits right after SecurityMiddleware (so HTTPS
# redirects and HSTS still apply to every hit) and before everything that reads the session.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
PAGE_CACHE_ALIAS = "pages" if "pages" in CACHES else "default"
# Fragments of pages that change only when content does (an article's body and related cards)
# are kept under the same generation, even with the page cache off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 24 * 60 * 60)
# Entries that are not a page's own address (404s, 301s, ?page=N) admitted per
# PAGE_CACHE_SECONDS: a flood of random addresses adds at most twice this many.
PAGE_CACHE_MAX_EXTRA_ENTRIES = env_int("PAGE_CACHE_MAX_EXTRA_ENTRIES", 100)
# Every worker and host must see a publish at once: the generation lives in Redis, else in a
# file cache shared by this machine's workers (siteplatform.cache_backends.machine_caches).
PAGE_CACHE_GENERATION_ALIAS = "page_generation" if "page_generation" in CACHES else "default"
# After a publish, one request renders a stale page while the others asking for it wait up to
# this long for its result, then render themselves (siteplatform/single_flight.py; 0: no waiting).
PAGE_CACHE_RENDER_WAIT_SECONDS = env_int("PAGE_CACHE_RENDER_WAIT_SECONDS", 3)
# End of page cache.

# Background work. The contact app's emails use Django's own tasks API (`django.tasks`) on
# "notifications", the django-tasks-db database queue that `manage.py task_worker --backend
# notifications` works through (contact/notifications.py). "default" names the `django_tasks`
# backport only because Wagtail 8 declares its own tasks with it; they run at once on publish,
# so search is never stale.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Mail: Django 6.1 MAILERS from one EMAIL_URL; without it mail is printed.
MAILERS = {"default": mailer_from_url(os.environ.get("EMAIL_URL", ""))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "We Rise Therapy <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (accounts/): throttling, two-factor and queued password reset.
# Model permissions, with contact.* held by intake staff alone (see contact/backends.py).
AUTHENTICATION_BACKENDS = ["contact.backends.IntakeScopedModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.ThrottledLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.QueuedPasswordResetForm"  # noqa: S105
# Required for superusers and for anyone holding one of these permissions (they can read
# enquiries); off with DEBUG on so a newcomer's demo superuser signs in with a password.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
TWO_FACTOR_PERMISSIONS = ["contact.view_submission"]
OTP_TOTP_ISSUER = "We Rise Therapy and Wellness"
SIGNIN_MAX_FAILURES = env_int("SIGNIN_MAX_FAILURES", 5)
SIGNIN_MAX_FAILURES_PER_ADDRESS = env_int("SIGNIN_MAX_FAILURES_PER_ADDRESS", 20)
SIGNIN_LOCKOUT_SECONDS = env_int("SIGNIN_LOCKOUT_SECONDS", 15 * 60)
# A username guessed from many addresses is never paused: each wrong password from then on
# doubles the wait before the next try, from this many seconds (accounts/throttle.py).
SIGNIN_DELAY_SECONDS = env_int("SIGNIN_DELAY_SECONDS", 1)
# Sessions of staff who can read enquiries (accounts/sessions.py): signed out after this many
# minutes without a request, and asked for their second factor again before an export when it
# was last given more than SECOND_FACTOR_FRESH_MINUTES ago.
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30)
SECOND_FACTOR_FRESH_MINUTES = env_int("SECOND_FACTOR_FRESH_MINUTES", 15)
# Passkeys (django-otp-webauthn) are a second factor only: never a sign-in without the password.
# The relying party and the allowed origin are the address the admin is served on
# (accounts.passkeys.PasskeyHelper), so no origin is listed here and the check asking for one is
# silenced. Passkeys need a name, not an IP address: http://localhost:8000 in development.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER  # what a phone shows beside the passkey
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "accounts.passkeys"
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# End of staff sign-in.

# Languages (issue 12). SITE_LANGUAGES lists the languages the practice offers, English
# first; English is the default and stays at /, the others are served under /<code>/
# (siteplatform/urls.py). Each is a Wagtail locale (a page can be translated into it with
# wagtail-localize) and an interface language (gettext, locale/<code>/LC_MESSAGES).
SITE_LANGUAGES = env_list("SITE_LANGUAGES", "en,ko,hi")
LANGUAGE_CODE = "en"
if LANGUAGE_CODE not in SITE_LANGUAGES or len(set(SITE_LANGUAGES)) != len(SITE_LANGUAGES):
    raise ImproperlyConfigured(
        f"SITE_LANGUAGES must include en (the default) once, and no code twice, not {SITE_LANGUAGES!r}."
    )
if unknown := [code for code in SITE_LANGUAGES if code not in LANG_INFO]:
    raise ImproperlyConfigured(f"SITE_LANGUAGES has language codes Django does not know: {unknown!r}.")
LANGUAGES = [(code, LANG_INFO[code]["name"]) for code in SITE_LANGUAGES]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page sent for translation starts as a draft in the other locale, to be published once
# translated and reviewed; until then visitors get the English page with a note.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Reverse proxies in front of the site (0: clients connect directly). Only then are their
# X-Forwarded-Proto (HTTPS) and X-Forwarded-For (the contact rate limit's client address)
# believed: without a proxy that overwrites them, any client could set them.
# CONTACT_TRUSTED_PROXY_COUNT is the name of one release ago, still read (see README).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("CONTACT_TRUSTED_PROXY_COUNT", 0))

# Security headers. HTTPS settings default on in production.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The Wagtail admin (signed-in staff only) ships inline scripts and styles and previews
# pages in a same-origin frame; the public site keeps the strict policy above.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

# The public address every absolute link uses (sitemap, canonical, feed, links in emails);
# `manage.py sync_site_url` (run by `make run` / `make serve`) keeps Wagtail's Site record on
# it. Unset: the address `make run` serves on in DEBUG, else https://<first allowed host>.
SITE_URL = env_url("SITE_URL")

# Media storage: the local disk above unless MEDIA_BUCKET names an S3-compatible bucket
# (MEDIA_ENDPOINT_URL for a provider other than AWS, MEDIA_REGION, MEDIA_CUSTOM_DOMAIN for a CDN;
# keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or boto3's usual credentials chain).
# Image files (original_images/, images/) load in <img> straight from the bucket or CDN through
# plain URLs that never expire, so pages kept in a cache stay whole; the bucket policy in the
# README makes those two prefixes, and nothing else, publicly readable. No object gets an ACL.
# Document files (documents/) stay private in the bucket: Wagtail's view streams them, after
# applying the collection's privacy, for both storages (never a redirect to the file itself).
MEDIA_STORAGE, MEDIA_ORIGIN = media_storage(os.environ)
if MEDIA_STORAGE:
    STORAGES["default"] = MEDIA_STORAGE
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], MEDIA_ORIGIN]
    ADMIN_CSP["img-src"] = [*ADMIN_CSP["img-src"], MEDIA_ORIGIN]
# Image renditions the templates use are made when an image is saved (practice/images.py).
RENDITIONS_AHEAD = env_bool("RENDITIONS_AHEAD", True)
# End of media storage.

# Where "Exit this page" leaves for until the practice chooses (PracticeSettings), and always on the
# error pages, which cannot read that choice from the database.
QUICK_EXIT_DEFAULT_URL = "https://www.weather.gov/"

# Wagtail
WAGTAIL_SITE_NAME = "We Rise Therapy and Wellness"
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL")
    or SITE_URL
    or (
        f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        if DEBUG or not ALLOWED_HOSTS
        else f"https://{ALLOWED_HOSTS[0]}"
    )
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "png", "bmp": "png", "tiff": "png"}
WAGTAILIMAGES_IMAGE_FORM_BASE = "practice.image_forms.DescribedImageForm"  # descriptions required
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
# Documents only through Wagtail's view, which applies collection privacy, whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff email hashes sent to a third party
WAGTAIL_ALLOW_UNICODE_SLUGS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies: the public forms take short answers and no files, so anything larger than
# this is refused outside the admin (413) before it is read. The admin keeps Django's limits.
PUBLIC_MAX_BODY_BYTES = 64 * 1024

# Contact and intake forms. Each value is read once from the environment variable of the
# same name; tests change them through Django's settings.
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)  # accepted per client address per window
CONTACT_RATE_WINDOW_SECONDS = env_int("CONTACT_RATE_WINDOW_SECONDS", 600)
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)  # quicker posts are treated as bots
CONTACT_MAX_FORM_AGE_SECONDS = env_int("CONTACT_MAX_FORM_AGE_SECONDS", 2 * 60 * 60)  # older: send again

# Contact notifications (staff notification and visitor confirmation alike): attempts per
# email, the first retry's delay (doubling each time), and how long a worker may take over one
# email before it counts as crashed and the email is sent again (longer than an SMTP timeout).
CONTACT_NOTIFY_MAX_ATTEMPTS = env_int("CONTACT_NOTIFY_MAX_ATTEMPTS", 6)
CONTACT_NOTIFY_RETRY_SECONDS = env_int("CONTACT_NOTIFY_RETRY_SECONDS", 60)
CONTACT_NOTIFY_STALE_SECONDS = env_int("CONTACT_NOTIFY_STALE_SECONDS", 600)

# Readership numbers (readership/, README "Readership numbers"): aggregate counts, no identifier.
# Off: nothing counted and no beacon script sent. Counts wait in Redis (READERSHIP_REDIS_URL,
# default REDIS_URL) until the task worker adds them to the database every
# READERSHIP_FLUSH_SECONDS; without Redis, each web process keeps and adds its own.
READERSHIP_ENABLED = env_bool("READERSHIP_ENABLED", True)
READERSHIP_REDIS_URL = os.environ.get("READERSHIP_REDIS_URL", REDIS_URL or "")
READERSHIP_FLUSH_SECONDS = env_int("READERSHIP_FLUSH_SECONDS", 60)
READERSHIP_RATE_LIMIT = env_int("READERSHIP_RATE_LIMIT", 60)  # beacons per client address per minute
READERSHIP_DAILY_MONTHS = env_int("READERSHIP_DAILY_MONTHS", 25)  # then rolled up by month
READERSHIP_WORDS_MIN = env_int("READERSHIP_WORDS_MIN", 5)  # same words per week before they are kept
READERSHIP_WORDS_DAYS = env_int("READERSHIP_WORDS_DAYS", 90)

# A caching proxy or CDN in front of the site, purged through Wagtail's frontend cache
# when pages are published: Varnish (deploy/varnish/default.vcl) or any cache that accepts
# HTTP PURGE, Cloudflare, CloudFront. Unset: nothing to purge.
WAGTAILFRONTENDCACHE = frontend_caches(os.environ)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail's housekeeping tasks (search and reference index) log every run.
        "django_tasks": {"level": "WARNING"},
    },
}
