"""Whether the settings are safe to serve with: the one production-safety check.

`siteplatform/wsgi.py` refuses to start while `production_problems` finds anything, and
`manage.py check --deploy` reports the same problems as errors. Past the settings, the stored data
must still be readable: `stored_data_problems` (one query) names each data key that stored values
need and DATA_KEYS lost; wsgi.py, the task worker and the database checks (`migrate`, so `make
run`, and `check --database default`) refuse to go on while it finds one.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from siteplatform.encrypted import stored_key_problems


def production_problems(settings=settings):
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
    if not getattr(settings, "DATA_KEYS", None):
        problems.append(
            "DATA_KEYS is not set. Set it to one or more Fernet keys, newest first (see .env.example): "
            "they encrypt enquiries and backups."
        )
    return problems


@register(deploy=True)
def production_settings_check(app_configs, **kwargs):
    """`manage.py check --deploy` fails while the site could not serve."""
    return [Error(problem, id="practice.E001") for problem in production_problems()]


def stored_data_problems():
    """What keeps the stored enquiries from being read: a data key they need that DATA_KEYS lost."""
    return stored_key_problems()


@register(Tags.database)
def stored_data_keys_check(app_configs, databases=None, **kwargs):
    """`migrate` and `check --database default` fail while stored data needs a missing key."""
    if not databases:
        return []
    return [Error(problem, id="practice.E002") for problem in stored_data_problems()]
