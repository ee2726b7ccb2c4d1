"""What a practice owner asks of the inbox: how many enquiries came each week, and how long they
waited for a first reply. Only enquiries are counted; nothing about visitors.

A week starts on Monday at midnight on the practice's clock (settings.TIME_ZONE). The first reply
is `Submission.first_replied_at` (the first status change away from "new" or the first note); an
enquiry not yet answered counts in its week but not in the median.
"""

import statistics
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from contact.models import Submission

PRACTICE_TIME_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass
class Week:
    start: datetime
    count: int = 0
    replied: int = 0
    median: timedelta | None = None

    @property
    def median_label(self):
        return format_duration(self.median)


def week_start(moment):
    """Monday 00:00 on the practice's clock of the week `moment` falls in (an aware datetime)."""
    local = timezone.localtime(moment, PRACTICE_TIME_ZONE)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=PRACTICE_TIME_ZONE)


def enquiry_weeks(*, weeks=12, now=None):
    """The last `weeks` weeks, oldest first, this week last: each with its enquiries, how many
    were answered, and the median time to the first reply. One query."""
    return enquiry_summary(weeks=weeks, now=now).weeks


@dataclass
class Summary:
    weeks: list
    total: int
    median: timedelta | None

    @property
    def median_label(self):
        return format_duration(self.median)


def enquiry_summary(*, weeks=12, now=None):
    """`enquiry_weeks`, with the total and the median first reply over all of them (the median
    of every reply, not a median of the weekly medians). One query."""
    now = now or timezone.now()
    this_week = week_start(now)
    # Days, not 7-day timedeltas, so a week across a clock change still starts at midnight.
    starts = [_days_before(this_week, 7 * back) for back in range(weeks - 1, -1, -1)]
    rows = Submission.objects.filter(received_at__gte=starts[0]).values_list(
        "received_at", "first_replied_at"
    )
    waits = {start: [] for start in starts}
    result = {start: Week(start=start) for start in starts}
    for received_at, first_replied_at in rows:
        start = week_start(received_at)
        if start not in result:  # received after `now` (clock skew): not a past week
            continue
        result[start].count += 1
        if first_replied_at is not None:
            waits[start].append(max(first_replied_at - received_at, timedelta(0)))
    for start, week in result.items():
        week.replied = len(waits[start])
        if waits[start]:
            week.median = statistics.median(waits[start])
    every_wait = [wait for start in starts for wait in waits[start]]
    return Summary(
        weeks=[result[start] for start in starts],
        total=sum(week.count for week in result.values()),
        median=statistics.median(every_wait) if every_wait else None,
    )


def _days_before(start, days):
    day = start.date() - timedelta(days=days)
    return datetime(day.year, day.month, day.day, tzinfo=PRACTICE_TIME_ZONE)


def format_duration(value):
    """ "40 minutes", "4 hours", "1.3 days"; "—" for no value."""
    if value is None:
        return "—"
    minutes = value.total_seconds() / 60
    if minutes < 60:
        return _plural(round(minutes), "minute")
    hours = minutes / 60
    if hours < 24:
        return _plural(_tidy(hours), "hour")
    return _plural(_tidy(hours / 24), "day")


def _tidy(number):
    rounded = round(number, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def _plural(number, unit):
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
