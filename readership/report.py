"""The staff report: what the counts say, for 12 weeks and this month, in a few queries.

The chart is drawn as the other staff charts are (siteplatform/charts.py); a table states the same
numbers.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import dateformat
from wagtail.models import Page

from readership.models import Count
from readership.services import today
from siteplatform.charts import bar_chart

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


def chart(language=""):
    """The 12-week chart's context (one query)."""
    weeks = weeks_of_views(Count.objects.daily().in_language(language))
    views = [week.views for week in weeks]
    return {
        "weeks": weeks,
        "week_count": len(weeks),
        "total_views": sum(views),
        "chart": bar_chart(views, [str(count) for count in views], [week.label for week in weeks]),
        "chart_description": f"Bars for the last {len(weeks)} weeks, oldest first; the table lists each week’s number.",
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
