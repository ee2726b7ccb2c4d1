"""The inbox's viewsets: enquiries (list, page, inline update, edit, export) and the export log."""

from django.urls import path
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from contact.inbox.common import PRACTICE_CLOCK, practice_time
from contact.inbox.enquiry_page import SubmissionEditView, SubmissionInspectView, SubmissionUpdateView
from contact.inbox.listing import LIST_EXPORT, SubmissionFilterSet, SubmissionIndexView, enquiry_columns
from contact.models import Submission, SubmissionExport
from contact.models.submissions import QUEUE_ORDER
from siteplatform.admin_views import forbidden_as_403


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
    edit_view_class = SubmissionEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status", "staff_notes"]
    ordering = QUEUE_ORDER  # what needs a reply first, the longest waiting on top
    list_display = enquiry_columns()
    filterset_class = SubmissionFilterSet
    # Turns the search box on; what it finds is SubmissionIndexView.search_queryset's (number, or
    # exact email or phone through their blind indexes): the answers themselves are ciphertext.
    search_fields = ["email_index", "phone_index"]
    search_backend_name = None  # database lookups; submissions are not in the site search index
    list_per_page = 50
    list_export = list(LIST_EXPORT)
    export_headings = {**LIST_EXPORT, "received_at": f"Received ({PRACTICE_CLOCK})"}
    export_filename = "enquiries"

    @property
    def update_view(self):
        return self.construct_view(SubmissionUpdateView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"update/<{self.pk_path_converter}:pk>/", self.update_view, name="update"),
        ]

    def construct_view(self, view_class, **kwargs):
        return forbidden_as_403(super().construct_view(view_class, **kwargs))


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


submission_viewset = SubmissionViewSet()
export_log_viewset = ExportLogViewSet()
