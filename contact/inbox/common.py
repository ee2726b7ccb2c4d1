"""What every screen of the inbox shares: the practice's clock."""

import zoneinfo

from django.conf import settings
from django.utils import dateformat, timezone

PRACTICE_TIME_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# "America/New_York" -> "New York time": the heading of time columns in exports.
PRACTICE_CLOCK = settings.TIME_ZONE.rpartition("/")[2].replace("_", " ") + " time"


def practice_time(value):
    """`value` on the practice's clock, labelled with its zone: "Jan. 15, 2026, 7:38 a.m. EST"."""
    if value is None:
        return "—"
    return dateformat.format(timezone.localtime(value, PRACTICE_TIME_ZONE), "N j, Y, P T")
