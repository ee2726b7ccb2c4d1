"""WSGI entry point for gunicorn (`make serve`, production)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from practice.env import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings")

# Production refuses to start, rather than serve with a missing secret or no hosts.
refuse_unsafe_production(settings)

application = get_wsgi_application()
