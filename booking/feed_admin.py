"""The calendar feed on a host's admin page: its address to copy, and "Reset the feed address".

The address carries the secret token (booking.feed), so only staff who may change hosts see it;
making or resetting it is a POST behind a confirmation page, logged on the host by whom.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.panels import Panel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from booking import services
from booking.models import ConsultationHost
from siteplatform.site_url import absolute_url


def feed_address(host, request=None):
    """The host's feed address on SITE_URL (or the request's address), or "" without a token."""
    if not host.feed_token:
        return ""
    return absolute_url(reverse("booking_calendar:feed", args=[host.feed_token]), request)


class CalendarFeedPanel(Panel):
    """Read-only: the address and a link to make or reset it (not a form field, so the host's
    own form is unchanged)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "booking/admin/feed_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                feed_url=feed_address(self.instance, self.request),
                reset_url=reverse("consultation_hosts:feed_reset", args=[self.instance.pk]),
            )
            return context


class FeedResetView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: what resetting does; POST: a new address (the first one, when the host has none)."""

    template_name = "booking/admin/feed_reset.html"
    permission_required = "change"
    header_icon = "calendar"

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(ConsultationHost)

    @cached_property
    def host(self):
        return get_object_or_404(
            ConsultationHost.objects.select_related("user", "clinician"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return "Reset the feed address" if self.host.feed_token else "Make a feed address"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation_hosts:index"), "label": "Hosts and hours"},
            {"url": self.edit_url(), "label": str(self.host)},
            {"url": "", "label": self.get_page_title()},
        ]

    def edit_url(self):
        return reverse("consultation_hosts:edit", args=[self.host.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(host=self.host, edit_url=self.edit_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        if self.host.feed_token:
            services.feed_token_reset(self.host, by=request.user)
            messages.success(request, f"{self.host} has a new feed address; the old one no longer works.")
        else:
            services.feed_token_ensure(self.host)
            messages.success(request, f"{self.host} has a calendar feed address.")
        return redirect(self.edit_url() + "#panel-calendar_feed-section")
