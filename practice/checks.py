"""System checks of the practice's own settings."""

from django.conf import settings
from django.core.checks import Error, register

from practice.env import production_problems


@register(deploy=True)
def production_settings_check(app_configs, **kwargs):
    """`manage.py check --deploy` fails while the site could not serve (see practice/wsgi.py)."""
    return [Error(problem, id="practice.E001") for problem in production_problems(settings)]
