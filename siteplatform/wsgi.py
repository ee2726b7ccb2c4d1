"""WSGI entry point for gunicorn (`make serve`, production)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from siteplatform.checks import production_problems

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteplatform.settings")

# Production refuses to start, rather than serve with a missing secret or no hosts.
if problems := production_problems():
    raise ImproperlyConfigured(" ".join(problems))

application = get_wsgi_application()
