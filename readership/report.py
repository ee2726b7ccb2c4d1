"""The staff report: what the counts say, for 12 weeks and this month, in a few queries.

The chart is drawn here as SVG coordinates (the approach of contact/inbox/dashboard.py): no
script, no inline style, no library; a table states the same numbers.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import dateformat
from wagtail.models import Page

from readership.models import Count
from readership.services import today

WIDTH, HEIGHT = 600, 170
TOP, BOTTOM, SIDE = 22, 26, 4
WEEKS = 12
TOP_PAGES = 15
Metric = Count.Metric


@dataclass
class Week:
    start: object
    views: int = 0

    @property
    def label(self):
        return dateformat.format(self.start, "M j")


def weeks_of_views(counts, weeks=WEEKS):
    """Views per week (Monday to Sunday, the practice's days), oldest first, this week last."""
    this_week = today() - timedelta(days=today().weekday())
    first = this_week - timedelta(weeks=weeks - 1)
    result = [Week(first + timedelta(weeks=index)) for index in range(weeks)]
    for row in counts.views().since(first).totals_by("day"):
        result[(row["day"] - first).days // 7].views += row["total"]
    return result


def bars(weeks):
    tallest = max((week.views for week in weeks), default=0) or 1
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * SIDE) / len(weeks)
    drawn = []
    for index, week in enumerate(weeks):
        height = round(plot * week.views / tallest, 1)
        x = SIDE + index * slot
        drawn.append(
            {
                "x": round(x + slot * 0.2, 1),
                "width": round(slot * 0.6, 1),
                "y": round(TOP + plot - height, 1),
                "height": height,
                "middle": round(x + slot / 2, 1),
                "top": round(TOP + plot - height - 6, 1),
                "label": str(week.views),
                "week": week.label,
            }
        )
    return drawn


def chart(language=""):
    """The 12-week chart's context (one query)."""
    weeks = weeks_of_views(Count.objects.daily().in_language(language))
    return {
        "weeks": weeks,
        "week_count": len(weeks),
        "total_views": sum(week.views for week in weeks),
        "bars": bars(weeks),
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 8,
    }


def top_pages(counts, limit=TOP_PAGES):
    """This month's most viewed pages, each with its views and requests it led to (two queries)."""
    rows = counts.filter(metric__in=[Metric.VIEW, Metric.REQUEST]).totals_by("page_id", "metric")
    totals = {}
    for row in rows:
        totals.setdefault(row["page_id"], {Metric.VIEW: 0, Metric.REQUEST: 0})[row["metric"]] = row["total"]
    ranked = sorted(totals.items(), key=lambda item: (-item[1][Metric.VIEW], -item[1][Metric.REQUEST]))[
        :limit
    ]
    pages = Page.objects.filter(pk__in=[pk for pk, _ in ranked]).select_related("content_type")
    by_id = {page.pk: page for page in pages}
    return [
        {
            "page": by_id.get(pk),
            "kind": by_id[pk].content_type.name if pk in by_id else "",
            "views": numbers[Metric.VIEW],
            "requests": numbers[Metric.REQUEST],
        }
        for pk, numbers in ranked
    ]


def report(language=""):
    """Everything the report shows, for one language or all (`""`); six queries."""
    month_start = today().replace(day=1)
    month = Count.objects.daily().since(month_start).in_language(language)
    searches = {
        row["metric"]: row["total"]
        for row in month.filter(metric__in=[Metric.SEARCH, Metric.SEARCH_EMPTY]).totals_by("metric")
    }
    words_since = today() - timedelta(days=settings.READERSHIP_WORDS_DAYS)
    words = (
        Count.objects.filter(metric=Metric.EMPTY_WORDS)
        .since(words_since)
        .in_language(language)
        .totals_by("source", "language")[:30]
    )
    return {
        **chart(language),
        "month_start": month_start,
        "top_pages": top_pages(month),
        "sources": list(month.filter(metric=Metric.SOURCE).totals_by("source")[:20]),
        "searches": searches.get(Metric.SEARCH, 0),
        "searches_empty": searches.get(Metric.SEARCH_EMPTY, 0),
        "words": list(words),
        "words_min": settings.READERSHIP_WORDS_MIN,
        "words_days": settings.READERSHIP_WORDS_DAYS,
    }
