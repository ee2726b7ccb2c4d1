"""What is kept: sums per day (or, after READERSHIP_DAILY_MONTHS, per month), never a visit.

One row is one number: how many `metric` events a page (or the site) had on a day, in one
language, from one source. No row can name a visitor: there is no time finer than a day, no
address, no user agent and no identifier of any kind to join two visits.
"""

from django.db import models
from django.db.models import Q, Sum


class CountQuerySet(models.QuerySet):
    def daily(self):
        return self.filter(period=Count.Period.DAY)

    def since(self, day):
        return self.filter(day__gte=day)

    def in_language(self, language):
        return self.filter(language=language) if language else self

    def views(self):
        return self.filter(metric=Count.Metric.VIEW)

    def totals_by(self, *fields):
        """Sum of counts grouped by `fields`, largest first."""
        return self.values(*fields).annotate(total=Sum("count")).order_by("-total", *fields)

    def older_words(self, day):
        return self.filter(Q(metric=Count.Metric.EMPTY_WORDS) & Q(day__lt=day))


class Count(models.Model):
    class Period(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    class Metric(models.TextChoices):
        VIEW = "view", "Page views"
        SOURCE = "source", "Views by where visitors came from"
        REQUEST = "request", "Led to a request"
        SEARCH = "search", "Searches"
        SEARCH_EMPTY = "search_empty", "Searches with no results"
        EMPTY_WORDS = "empty_words", "Words of a frequent search with no results"

    period = models.CharField(max_length=5, choices=Period.choices, default=Period.DAY)
    day = models.DateField(help_text="The day (the practice's time zone), or a month's first day.")
    language = models.CharField(max_length=8)
    metric = models.CharField(max_length=16, choices=Metric.choices)
    page_id = models.PositiveIntegerField(default=0, help_text="The Wagtail page, or 0 for the site.")
    source = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text="A referring host, “search engine” or “direct”; a search’s words; else empty.",
    )
    count = models.PositiveBigIntegerField(default=0)

    objects = CountQuerySet.as_manager()

    class Meta:
        default_permissions = ()
        permissions = [("view_report", "Can read the readership numbers")]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "day", "language", "metric", "page_id", "source"],
                name="readership_one_count",
            )
        ]
        indexes = [models.Index(fields=["metric", "day"], name="readership_metric_day")]

    def __str__(self):
        return f"{self.day} {self.language} {self.metric} {self.page_id} {self.source}: {self.count}"


class FlushedBatch(models.Model):
    """A batch of counts already added to `Count`: a batch flushed twice (a worker killed after
    committing, before tidying the cache) is added once."""

    batch_id = models.CharField(max_length=40, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.batch_id
