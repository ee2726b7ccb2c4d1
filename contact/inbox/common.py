"""What every screen of the inbox shares: the practice's clock, and a 403 for the refused."""

import zoneinfo
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import dateformat, timezone
from django.views.defaults import permission_denied

PRACTICE_TIME_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# "America/New_York" -> "New York time": the heading of time columns in exports.
PRACTICE_CLOCK = settings.TIME_ZONE.rpartition("/")[2].replace("_", " ") + " time"


def practice_time(value):
    """`value` on the practice's clock, labelled with its zone: "Jan. 15, 2026, 7:38 a.m. EST"."""
    if value is None:
        return "—"
    return dateformat.format(timezone.localtime(value, PRACTICE_TIME_ZONE), "N j, Y, P T")


def forbidden_as_403(view):
    """Wagtail turns a permission failure into a redirect to the dashboard; for submissions we
    answer 403 outright, so no URL of the inbox (or its exports) looks reachable."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return permission_denied(request, error)

    return wrapped
