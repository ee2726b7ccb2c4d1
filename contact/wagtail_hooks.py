"""The staff inbox for enquiries in the Wagtail admin, and its dashboard panel.

Only superusers and "Intake coordinators" may see anything here (see contact.permissions).
The list shows no names: a name is shown only on a submission's own page, where every view
is logged (who, when) and listed.
"""

from functools import wraps

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from contact.models import ConsultationRequest, Submission
from contact.notifications import notifications_overdue
from contact.services import submission_record_view
from practice.models import PracticeSettings, ServicePage

# Inspect rows that are internal plumbing or shown in another form.
INSPECT_SKIP = {"id", "submission_ptr", "service", "clinician", "staff_notes"}


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

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the submission's own page (where views are logged), not the edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)


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
            if field.choices:
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
        context["views"] = self.object.views.all()[:100]
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
        "reference",
        "kind",
        "received_at",
        "status",
        "service_label",
        "location_label",
        "notification_state",
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
        "received_at": "Received",
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


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset


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
