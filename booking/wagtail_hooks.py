"""The booking's admin: the agenda (booking.agenda), consultation hosts with their weekly hours,
time off and calendar feed (booking.feed_admin), and the bookings.

All are model permissions the "Intake coordinators" group holds (booking/migrations); editors
outside it see neither menu nor page.
"""

from django.urls import path
from django.utils import dateformat, timezone
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from booking import services
from booking.agenda import AgendaViewSet
from booking.clock import PRACTICE_ZONE, PRACTICE_ZONE_NAME
from booking.feed_admin import CalendarFeedPanel, FeedResetView
from booking.models import Booking, ConsultationHost
from siteplatform.admin_views import forbidden_as_403


def practice_time(value):
    """`value` on the practice's clock: "Tue, Jan 12, 2027, 12:15 p.m."."""
    return dateformat.format(timezone.localtime(value, PRACTICE_ZONE), "D, M j, Y, P")


class HostViewSet(ModelViewSet):
    model = ConsultationHost
    icon = "user"
    menu_label = "Hosts and hours"
    name = "consultation_hosts"
    url_prefix = "booking/hosts"
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [*ConsultationHost.panels, CalendarFeedPanel(heading="Calendar feed")]
    list_display = [
        Column("name", label="Host", accessor=str),
        Column("active"),
        Column("slot_minutes", label="Call (min)"),
        Column("minimum_notice_hours", label="Notice (h)"),
        Column("horizon_days", label="Days ahead"),
        Column(
            "windows", label="Weekly hours", accessor=lambda host: ", ".join(map(str, host.windows.all()))
        ),
    ]

    def get_queryset(self, request):
        return ConsultationHost.objects.select_related("user", "clinician").prefetch_related("windows")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("feed/<int:pk>/", forbidden_as_403(FeedResetView.as_view()), name="feed_reset"),
        ]


class BookingEditView(EditView):
    """A booked call's own page can only cancel it, and does so through the booking's services,
    as the agenda's Cancel does: the time is offered again, the enquiry's history names who
    cancelled, and the client's notice is due, once. Moving and "no answer" are the agenda's."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        allowed = {self.object.status}
        if self.object.status == Booking.Status.LIVE:
            allowed.add(Booking.Status.CANCELLED)
        form.fields["status"].choices = [
            (value, label) for value, label in Booking.Status.choices if value in allowed
        ]
        return form

    def save_instance(self):
        booking = Booking.objects.get(pk=self.object.pk)
        if self.form.cleaned_data["status"] == Booking.Status.CANCELLED:
            services.cancel(booking, by=self.request.user)
        booking.refresh_from_db()
        return booking


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = "Booked calls"
    name = "bookings"
    url_prefix = "booking/calls"
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]
    edit_view_class = BookingEditView
    # A booking links to no content (its host and enquiry are not pages or snippets): keeping
    # Wagtail's reference index of it cost every booking post two queries and a task, inside
    # the write transaction that every other booking waits for (issue 22's post bar).
    add_to_reference_index = False
    list_filter = ["status", "host"]
    list_display = [
        Column(
            "starts_at", label=f"When ({PRACTICE_ZONE_NAME})", accessor=lambda b: practice_time(b.starts_at)
        ),
        Column("host", accessor=lambda b: str(b.host)),
        Column("status", accessor="get_status_display"),
        Column(
            "submission",
            label="Enquiry",
            accessor=lambda b: f"#{b.submission_id}" if b.submission_id else "—",
        ),
    ]

    def get_queryset(self, request):
        return Booking.objects.select_related("host__user", "host__clinician").order_by("-starts_at")


class BookingGroup(ViewSetGroup):
    menu_label = "Consultations"
    menu_icon = "date"
    menu_order = 160
    items = (AgendaViewSet, BookingViewSet, HostViewSet)


@hooks.register("register_admin_viewset")
def register_booking_viewsets():
    return BookingGroup()


@hooks.register("consultation_clinicians")
def consultation_clinicians():
    """The clinicians a visitor can book a free call with (see practice.intake)."""
    return ConsultationHost.objects.bookable_clinicians()


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    """What an enquiry's history says of its call; entries hold the booking's number and times."""
    actions.register_action("booking.cancelled", "Cancel call", "Call cancelled")
    actions.register_action("booking.moved", "Move call", "Call moved")
    actions.register_action("booking.no_answer", "No answer", "Call not answered")
    actions.register_action("booking.feed_reset", "Reset calendar feed", "Calendar feed address reset")
