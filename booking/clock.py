"""The practice's clock: the zone every window is kept in and the name visitors read."""

import zoneinfo

from django.conf import settings

PRACTICE_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# What a visitor reads beside a time; a zone without a common name is named by its key.
ZONE_NAMES = {
    "America/New_York": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Los_Angeles": "Pacific Time",
}
PRACTICE_ZONE_NAME = ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)
