"""Registers the staff inbox for enquiries with Wagtail: its viewsets, the export log in the
Reports menu, its log actions and its dashboard panels. The code lives in `contact.inbox`.

Only superusers and "Intake coordinators" may see anything here (see contact.models.permissions).
"""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from contact.inbox.dashboard import EnquiriesPanel, EnquiryChartPanel
from contact.inbox.viewsets import export_log_viewset, submission_viewset
from contact.inbox.worker_warning import NotificationsStuckPanel
from contact.models import Submission, SubmissionExport
from contact.models.permissions import ExportLogPermissionPolicy

register_permission_policy(SubmissionExport, ExportLogPermissionPolicy(SubmissionExport))


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return [submission_viewset, export_log_viewset]


@hooks.register("register_reports_menu_item")
def register_export_log_menu_item():
    return export_log_viewset.get_menu_item()


class StatusChangeFormatter(LogFormatter):
    label = "Change status"

    def format_message(self, log_entry):
        labels = dict(Submission.Status.choices)
        data = log_entry.data or {}
        return f"Status changed from {labels.get(data.get('from'), '?')} to {labels.get(data.get('to'), '?')}"


@hooks.register("register_log_actions")
def register_enquiry_log_actions(actions):
    """What the enquiry's history says; the entries hold status values and a note's number only."""
    actions.register_action("contact.status")(StatusChangeFormatter)
    actions.register_action("contact.note", "Add note", "Note added")


@hooks.register("construct_homepage_panels")
def add_enquiries_panels(request, panels):
    panels.extend([NotificationsStuckPanel(), EnquiriesPanel(), EnquiryChartPanel()])


@hooks.register("intake_url")
def intake_url(**choices):
    """The one address of the consultation request (see practice.intake): the intake form in
    the active language, with the service or clinician the visitor chose as its query."""
    url = reverse("contact:intake")
    return f"{url}?{urlencode(choices)}" if choices else url
