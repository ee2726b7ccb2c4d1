"""Dashboard panels for intake staff: new and overdue enquiries and undelivered emails, and a
chart of enquiries per week with the median time to a first reply (contact.stats).

The chart is drawn as the other staff charts are (siteplatform/charts.py: inline SVG, no script,
no inline style, no library); a table states the same numbers.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import dateformat
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from contact.inbox.listing import age, response_time_hours
from contact.models import Submission
from contact.notifications import notifications_overdue
from contact.stats import enquiry_summary
from siteplatform.charts import bar_chart


class IntakeStaffPanel(Component):
    """A panel only intake staff see (the same permission as the inbox)."""

    class Media:
        css = {"all": ["css/admin-inbox.css"]}

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        if not policy_registry.get_by_type(Submission).user_has_permission(user, "view"):
            return ""
        return super().render_html(parent_context)


class EnquiriesPanel(IntakeStaffPanel):
    """The five enquiries that have waited longest for a first reply (number, kind, age, reply by),
    then counts: new requests, those past the promised reply time, and emails about them that
    failed or have waited longer than CONTACT_NOTIFY_STALE_SECONDS."""

    name = "enquiries"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50
    listed = 5  # the enquiries that have waited longest, by name of kind and age, to open at once

    def get_context_data(self, parent_context):
        hours = response_time_hours()
        counts = Submission.objects.aggregate(
            new=Count("pk", filter=Q(status=Submission.Status.NEW)),
            overdue=Count("pk", filter=Q(pk__in=Submission.objects.overdue(hours).values("pk"))),
        )
        return {
            **counts,
            "oldest_waiting": [
                {"submission": submission, "age": age(submission.received_at)}
                for submission in Submission.objects.oldest_waiting(self.listed)
            ],
            "emails": notifications_overdue(),
            "stale_minutes": max(1, settings.CONTACT_NOTIFY_STALE_SECONDS // 60),
            "hours": hours,
            "index_url_name": "enquiries:index",
        }


def short_duration(value):
    """The chart's label above a bar: "40m", "4h", "1.5d"."""
    if value is None:
        return ""
    hours = value.total_seconds() / 3600
    if hours < 1:
        return f"{round(hours * 60)}m"
    if hours < 24:
        return f"{round(hours, 1):g}h"
    return f"{round(hours / 24, 1):g}d"


class EnquiryChartPanel(IntakeStaffPanel):
    """Enquiries per week and the median time to a first reply, over the last 12 weeks."""

    name = "enquiry_chart"
    template_name = "contact/admin/chart_panel.html"
    order = 55
    weeks = 12

    def get_context_data(self, parent_context):
        summary = enquiry_summary(weeks=self.weeks)
        weeks = summary.weeks
        starts = [dateformat.format(week.start, "M j") for week in weeks]
        counts = bar_chart([week.count for week in weeks], [str(week.count) for week in weeks], starts)
        replies = bar_chart(
            [week.median.total_seconds() if week.median else None for week in weeks],
            [short_duration(week.median) for week in weeks],
            starts,
        )
        busiest = max(weeks, key=lambda week: week.count)
        return {
            "heading": f"Enquiries and first replies, last {self.weeks} weeks",
            "summary": summary,
            "weeks": self.weeks,
            "rows": [(start, week) for start, week in zip(starts, weeks, strict=True)],
            "count_chart": counts,
            "count_description": (
                f"Bars for the last {self.weeks} weeks, oldest first; the table below lists each week’s number."
            ),
            "reply_chart": replies,
            "reply_description": (
                f"Bars for the last {self.weeks} weeks, oldest first, by the week the enquiries arrived; "
                "the table below lists each week’s median."
            ),
            "busiest": busiest if busiest.count else None,
            "busiest_start": dateformat.format(busiest.start, "M j"),
            "replied": sum(week.replied for week in weeks),
        }
