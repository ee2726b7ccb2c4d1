"""The practice's clock: the zone every window is kept in and the name people read beside a time."""

import zoneinfo

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

PRACTICE_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# A zone without a common name here is named by its key.
ZONE_NAMES = {"America/New_York": gettext_noop("Eastern Time")}
PRACTICE_ZONE_NAME = ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)  # the admin's, in English


def practice_zone_name():
    """The zone's name in the active language, for visitors ("Eastern Time")."""
    return gettext(PRACTICE_ZONE_NAME)
