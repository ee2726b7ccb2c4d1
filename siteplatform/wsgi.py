"""WSGI entry point for gunicorn (`make serve`, production)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.db import connections

from siteplatform.checks import production_problems, stored_data_problems

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteplatform.settings")

# Production refuses to start, rather than serve with a missing secret or no hosts.
if problems := production_problems():
    raise ImproperlyConfigured(" ".join(problems))

application = get_wsgi_application()

# Nor with stored enquiries it could not read: a missing data key fails here, not on a first read.
problems = stored_data_problems()
connections.close_all()  # the check's connection is not a request's (gunicorn may fork after this)
if problems:
    raise ImproperlyConfigured(" ".join(problems))
