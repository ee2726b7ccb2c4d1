"""The list of enquiries: what the intake coordinator scans each morning (number, channel, age,
status as a badge, late rows marked), its filters, and its spreadsheet exports (each logged).

The list shows no names: a name is shown only on an enquiry's own page, where every view is
logged (who, when) and listed.
"""

import datetime
import re

import django_filters
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.timesince import timesince
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, Table, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import HeaderButton

from contact.inbox.common import PRACTICE_CLOCK, PRACTICE_TIME_ZONE, practice_time
from contact.models import ConsultationRequest, Submission, SubmissionExport
from practice.models import PracticeSettings, ServicePage

# OWASP's CSV injection guidance: a spreadsheet runs a cell starting with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet cell cannot hold (openpyxl refuses them): C0 controls but tab and line breaks.
SPREADSHEET_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def response_time_hours():
    """The reply the practice promises, in hours (Practice details → response time)."""
    return PracticeSettings.load().response_time_hours


def spreadsheet_cell(value, export_format):
    """A value safe to write to a cell: datetimes on the practice's clock, no characters a
    workbook refuses, and in CSV no text a spreadsheet would run as a formula."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value, PRACTICE_TIME_ZONE)
        if export_format == SubmissionExport.Format.XLSX:
            return local.replace(tzinfo=None)
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        value = SPREADSHEET_ILLEGAL.sub("", value)
        if export_format == SubmissionExport.Format.CSV and value.startswith(FORMULA_PREFIXES):
            value = "'" + value
    return value


def age(value):
    """How long ago, in its largest unit: "3 days", "5 minutes"."""
    return timesince(value, depth=1)


class SubmissionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Submission.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Submission.Status.choices)
    overdue = django_filters.BooleanFilter(
        label="Waiting longer than the response time", method="filter_overdue"
    )
    location = django_filters.ChoiceFilter(
        label="Location",
        field_name="consultationrequest__location",
        choices=ConsultationRequest.Location.choices,
    )
    service = django_filters.ModelChoiceFilter(
        label="Service",
        field_name="consultationrequest__service",
        queryset=ServicePage.objects.order_by("path"),
    )
    notification_state = django_filters.ChoiceFilter(
        label="Notification", choices=Submission.NotificationState.choices
    )
    language = django_filters.ChoiceFilter(label="Language", choices=settings.LANGUAGES)
    received_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)

    class Meta:
        model = Submission
        fields = [
            "kind",
            "status",
            "overdue",
            "language",
            "location",
            "service",
            "notification_state",
            "received_at",
        ]

    def filter_overdue(self, queryset, name, value):
        late = Q(pk__in=Submission.objects.overdue(response_time_hours()).values("pk"))
        return queryset.filter(late) if value else queryset.exclude(late)


class StatusColumn(StatusTagColumn):
    """The status as Wagtail's status tag ("New" stands out), with "Overdue" beside it when the
    enquiry has waited longer than the promised response time: said in words, not by colour."""

    cell_template_name = "contact/admin/status_cell.html"

    class Media:
        css = {"all": ["css/admin-inbox.css"]}

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = getattr(instance, "is_overdue", False)
        # One modifier per status, so "Contacted" (in hand) and "Closed" (done) look different;
        # "New" keeps Wagtail's filled label.
        label = " w-status--label" if context.get("primary") else ""
        context["status_class"] = f"enquiry-status--{instance.status}{label}"
        return context


class ReceivedColumn(Column):
    """How long ago ("3 days ago"), the full time on the practice's clock on hover: one column
    for what "Received" and "Age" said in two."""

    cell_template_name = "contact/admin/received_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["received_at"] = instance.received_at
        context["full_time"] = f"{practice_time(instance.received_at)} ({PRACTICE_CLOCK})"
        context["how_long_ago"] = f"{age(instance.received_at)} ago"
        return context


class EnquiryTable(Table):
    def get_row_classname(self, instance):
        return "enquiry-row--overdue" if getattr(instance, "is_overdue", False) else ""


def enquiry_columns():
    return [
        # The reference opens the submission's own page (where views are logged), not the edit form.
        TitleColumn("reference", label="Number", url_name="enquiries:inspect"),
        Column("kind", accessor="get_kind_display", sort_key="kind"),
        # "Channel" is the visitor's own word on the forms for how to reach them.
        Column("preferred_channel", label="Reply by", accessor="get_preferred_channel_display"),
        ReceivedColumn("received_at", label="Received", sort_key="received_at"),
        StatusColumn(
            "status",
            accessor="get_status_display",
            sort_key="status",
            primary=lambda row: row.status == Submission.Status.NEW,
        ),
        Column("language_name", label="Language"),
        Column("service_label", label="Service"),
        Column("location_label", label="Location"),
        Column(NOTIFICATION, label="Notification", accessor="get_notification_state_display"),
    ]


NOTIFICATION = "notification_state"


class SubmissionIndexView(IndexView):
    table_class = EnquiryTable
    # Its exports hold every listed enquiry's details: accounts.sessions asks for the second
    # factor again first when it was given too long ago.
    export_needs_fresh_second_factor = True

    def get_base_queryset(self):
        return Submission.objects.for_inbox().with_overdue(response_time_hours()).with_queue_position()

    @cached_property
    def columns(self):
        """The notification column only while some message failed: otherwise it says "Sent" on
        every row and takes the width the work needs."""
        columns = super().columns
        if Submission.objects.filter(notification_state=Submission.NotificationState.FAILED).exists():
            return columns
        return [column for column in columns if column.name != NOTIFICATION]

    def preprocess_field_value(self, field, value, export_format):
        # Datetimes skip Wagtail's own preprocessing, which writes them in UTC.
        if not isinstance(value, datetime.datetime):
            value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_cell(value, export_format)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Records the export (who, when, format, filters in words, rows) before writing it."""
        filters = [f"{active.field_label}: {active.value}" for active in self.active_filters]
        if self.is_searching:
            filters.append("Search (words not kept)")
        SubmissionExport.objects.create(
            user=self.request.user,
            username=self.request.user.get_username(),
            format=spreadsheet_format,
            filters="; ".join(filters)[:500],
            row_count=queryset.count(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton("Export log", url=reverse("enquiry_exports:index"), icon_name="history"),
        ]


LIST_EXPORT = {
    "pk": "Number",
    "get_kind_display": "Kind",
    "received_at": "Received",  # the clock's name is added by the viewset
    "get_status_display": "Status",
    "preferred_name": "Preferred name",
    "email": "Email",
    "phone": "Phone",
    "get_preferred_channel_display": "Preferred channel",
    "service_label": "Service",
    "location_label": "Location",
    "language_name": "Language",
    "get_notification_state_display": "Notification",
    "staff_notes": "Staff notes",
}
