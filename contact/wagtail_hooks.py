"""The staff inbox for enquiries in the Wagtail admin, its export log, and its dashboard panel.

Only superusers and "Intake coordinators" may see anything here (see contact.permissions).
The list shows no names: a name is shown only on a submission's own page, where every view
is logged (who, when) and listed; every spreadsheet export is logged too.
Times are shown on the practice's clock (settings.TIME_ZONE), labelled with their zone.
"""

import datetime
import re
import zoneinfo
from functools import wraps

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry, register_permission_policy

from contact.models import ConsultationRequest, ContactSettings, Submission, SubmissionExport
from contact.notifications import notifications_overdue
from contact.permissions import ExportLogPermissionPolicy
from contact.services import submission_record_view
from practice.models import PracticeSettings, ServicePage

# Inspect rows that are internal plumbing or shown in another form.
INSPECT_SKIP = {"id", "submission_ptr", "service", "clinician", "staff_notes"}

PRACTICE_TIME_ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# "America/New_York" -> "New York time": the heading of time columns in exports.
PRACTICE_CLOCK = settings.TIME_ZONE.rpartition("/")[2].replace("_", " ") + " time"

# OWASP's CSV injection guidance: a spreadsheet runs a cell starting with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet cell cannot hold (openpyxl refuses them): C0 controls but tab and line breaks.
SPREADSHEET_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def practice_time(value):
    """`value` on the practice's clock, labelled with its zone: "Jan. 15, 2026, 7:38 a.m. EST"."""
    if value is None:
        return "—"
    return dateformat.format(timezone.localtime(value, PRACTICE_TIME_ZONE), "N j, Y, P T")


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


class SubmissionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Submission.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Submission.Status.choices)
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
    received_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)

    class Meta:
        model = Submission
        fields = ["kind", "status", "location", "service", "notification_state", "received_at"]


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return Submission.objects.for_inbox()

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
        return [*super().header_more_buttons, export_log_button()]


def export_log_button():
    return HeaderButton(
        "Export log", url=reverse(export_log_viewset.get_url_name("index")), icon_name="history"
    )


def outreach_scripts(submission):
    """What intake staff may say on each channel when they reach out about `submission`, in the
    same neutral words as the visitor's email (the sender name from the contact settings): no
    word about therapy or what the person wrote, since others may hear or read it. A channel
    the visitor did not consent to says so instead of giving a script."""
    sender = ContactSettings.load().visitor_sender_name
    phone = PracticeSettings.load().phone
    call_back = f" Please call us back at {phone}." if phone else " Please call us back when you can."
    if isinstance(submission, ConsultationRequest):
        consents = {
            "voicemail": submission.voicemail_consent_at is not None,
            "text": submission.text_consent_at is not None,
            "email": submission.email_consent_at is not None,
        }
    else:  # the contact form asks no consents: only the channel the visitor chose
        channel = submission.preferred_channel
        consents = {
            "voicemail": False,
            "text": channel == Submission.Channel.TEXT,
            "email": bool(submission.email),
        }
    return [
        {
            "title": "Voicemail",
            "script": f"Hello, this is [your first name] from {sender}, returning your message.{call_back} Thank you."
            if consents["voicemail"]
            else "Do not leave a voicemail: they did not agree to one. Hang up and try again at another of their best times.",
        },
        {
            "title": "Text message",
            "script": f"Hi, this is {sender} replying to your message. When is a good time to talk? Reply STOP to opt out."
            if consents["text"]
            else "Do not send texts: they did not agree to them.",
        },
        {
            "title": "Email",
            "script": f"From “{sender}”, subject “{ContactSettings.load().visitor_subject}”. Say only that you are "
            "replying and suggest times to talk; nothing about what they wrote."
            if consents["email"]
            else "Do not email: they did not agree to emails that name the practice.",
        },
    ]


class SubmissionInspectView(InspectView):
    template_name = "contact/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Submission.objects.for_inbox(), pk=self.pk).specific

    def get(self, request, *args, **kwargs):
        submission_record_view(submission=self.object, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_fields_context(self):
        rows = []
        for field in type(self.object)._meta.concrete_fields:
            if field.name in INSPECT_SKIP:
                continue
            value = getattr(self.object, field.name)
            if isinstance(value, datetime.datetime):
                value = practice_time(value)
            elif field.choices:
                value = getattr(self.object, f"get_{field.name}_display")()
            elif isinstance(value, bool):
                value = "Yes" if value else "No"
            elif value in (None, ""):
                value = "—"
            rows.append(
                {
                    "label": field.verbose_name[:1].upper() + field.verbose_name[1:],
                    "value": value,
                    "component": None,
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["staff_notes"] = self.object.staff_notes
        context["views"] = [
            {"username": view.username, "when": practice_time(view.viewed_at)}
            for view in self.object.views.all()[:100]
        ]
        context["export_log_url"] = reverse(export_log_viewset.get_url_name("index"))
        context["outreach_scripts"] = outreach_scripts(self.object)
        return context


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 150
    add_to_admin_menu = True
    name = "enquiries"
    url_prefix = "enquiries"
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status", "staff_notes"]
    ordering = ["-received_at", "-pk"]
    list_display = [
        # The reference opens the submission's own page (where views are logged), not the edit form.
        TitleColumn("reference", label="Number", url_name="enquiries:inspect"),
        Column("kind", accessor="get_kind_display"),
        Column(
            "received_at",
            label="Received",
            accessor=lambda row: practice_time(row.received_at),
            sort_key="received_at",
        ),
        Column("status", accessor="get_status_display", sort_key="status"),
        Column("service_label", label="Service"),
        Column("location_label", label="Location"),
        Column("notification_state", label="Notification", accessor="get_notification_state_display"),
    ]
    filterset_class = SubmissionFilterSet
    search_fields = ["preferred_name", "email", "phone"]
    search_backend_name = None  # plain database lookups; submissions are not in the site search index
    list_per_page = 50
    list_export = [
        "pk",
        "get_kind_display",
        "received_at",
        "get_status_display",
        "preferred_name",
        "email",
        "phone",
        "get_preferred_channel_display",
        "service_label",
        "location_label",
        "get_notification_state_display",
        "staff_notes",
    ]
    export_headings = {
        "pk": "Number",
        "get_kind_display": "Kind",
        "received_at": f"Received ({PRACTICE_CLOCK})",
        "get_status_display": "Status",
        "preferred_name": "Preferred name",
        "email": "Email",
        "phone": "Phone",
        "get_preferred_channel_display": "Preferred channel",
        "service_label": "Service",
        "location_label": "Location",
        "get_notification_state_display": "Notification",
        "staff_notes": "Staff notes",
    }
    export_filename = "enquiries"

    def construct_view(self, view_class, **kwargs):
        return forbidden_as_403(super().construct_view(view_class, **kwargs))


submission_viewset = SubmissionViewSet()


class ExportLogViewSet(ModelViewSet):
    """The export half of the access log: read-only, for whoever may read enquiries."""

    model = SubmissionExport
    icon = "history"
    name = "enquiry_exports"
    url_prefix = "enquiries/exports"
    menu_label = "Enquiry exports"
    inspect_view_enabled = False
    copy_view_enabled = False
    ordering = ["-exported_at", "-pk"]
    list_per_page = 50
    list_display = [
        Column("exported_at", label="When", accessor=lambda row: practice_time(row.exported_at)),
        Column("username", label="Staff member"),
        Column("format", accessor="get_format_display"),
        Column("filters", label="Filters"),
        Column("row_count", label="Rows"),
    ]
    # Nothing to edit: the log is written by the export itself.
    form_fields = []

    def construct_view(self, view_class, **kwargs):
        return forbidden_as_403(super().construct_view(view_class, **kwargs))


register_permission_policy(SubmissionExport, ExportLogPermissionPolicy(SubmissionExport))
export_log_viewset = ExportLogViewSet()


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return [submission_viewset, export_log_viewset]


@hooks.register("register_reports_menu_item")
def register_export_log_menu_item():
    return export_log_viewset.get_menu_item()


class EnquiriesPanel(Component):
    """Dashboard counts for intake staff: new requests, those past the promised reply time, and
    emails about them that failed or have waited longer than CONTACT_NOTIFY_STALE_SECONDS."""

    name = "enquiries"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        if not policy_registry.get_by_type(Submission).user_has_permission(user, "view"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        hours = PracticeSettings.load().response_time_hours
        counts = Submission.objects.aggregate(
            new=_count(Q(status=Submission.Status.NEW)),
            overdue=_count(Q(pk__in=Submission.objects.awaiting_reply(hours).values("pk"))),
        )
        index_url = submission_viewset.get_url_name("index")
        return {
            **counts,
            "emails": notifications_overdue(),
            "stale_minutes": max(1, settings.CONTACT_NOTIFY_STALE_SECONDS // 60),
            "hours": hours,
            "index_url_name": index_url,
        }


def _count(condition):
    return Count("pk", filter=condition)


@hooks.register("construct_homepage_panels")
def add_enquiries_panel(request, panels):
    panels.append(EnquiriesPanel())
