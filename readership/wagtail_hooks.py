"""Registers the readership report with Wagtail: its URL, a "Readership" menu item and a
dashboard panel, for editors and intake coordinators (`readership.view_report`)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from readership.admin_views import can_read, readership_report
from readership.report import chart


@hooks.register("register_admin_urls")
def register_urls():
    return [path("readership/", readership_report, name="readership_report")]


class ReadershipMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReadershipMenuItem(
        "Readership", reverse("readership_report"), name="readership", icon_name="view", order=450
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="readership", codename="view_report")


class ReadershipPanel(Component):
    """Views per week for 12 weeks, with a link to the report (one query)."""

    name = "readership"
    template_name = "readership/panel.html"
    order = 60

    class Media:
        css = {"all": ["css/admin-readership.css"]}

    def render_html(self, parent_context=None):
        if not can_read(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {**chart(), "report_url": reverse("readership_report")}


@hooks.register("construct_homepage_panels")
def add_panel(request, panels):
    panels.append(ReadershipPanel())
