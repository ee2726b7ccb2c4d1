"""The intake coordinator's agenda: today and the next 7 days of booked calls, by day then host,
on the practice's clock, with Cancel, Move and No answer on each call.

Every action goes through booking.services (which log it on the enquiry, by the staff member) and
is a POST behind a page that says what will happen: the confirmation for Cancel and No answer,
the choice of a new time for Move. Intake staff only ("change" on bookings).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from booking import services
from booking.clock import PRACTICE_ZONE, PRACTICE_ZONE_NAME
from booking.feed import ENQUIRY_ADMIN_URL_NAME
from booking.forms import MoveForm
from booking.models import Booking
from siteplatform.admin_views import forbidden_as_403

DAYS = 8  # today and the next 7


@dataclass
class HostCalls:
    name: str
    calls: list


@dataclass
class AgendaDay:
    day: date
    hosts: list = field(default_factory=list)

    @property
    def label(self):
        return dateformat.format(self.day, "l, F j")


def agenda(*, now=None, days=DAYS):
    """[AgendaDay] from today (the practice's zone) for `days` days, each with its hosts in
    name order and their calls soonest first: live and unanswered calls. One query."""
    now = now or timezone.now()
    today = timezone.localtime(now, PRACTICE_ZONE).date()
    start = datetime.combine(today, time(0), tzinfo=PRACTICE_ZONE)
    end = datetime.combine(today + timedelta(days=days), time(0), tzinfo=PRACTICE_ZONE)
    calls = Booking.objects.holding().for_staff().filter(starts_at__gte=start, starts_at__lt=end)
    by_day = {today + timedelta(days=offset): {} for offset in range(days)}
    for call in calls.order_by("starts_at", "pk"):
        day = timezone.localtime(call.starts_at, PRACTICE_ZONE).date()
        by_day[day].setdefault(call.host_id, HostCalls(str(call.host), [])).calls.append(call)
    return [
        AgendaDay(day, sorted(hosts.values(), key=lambda host: host.name.casefold()))
        for day, hosts in by_day.items()
    ]


def call_when(call):
    """ "12:00 PM–12:15 PM" on the practice's clock, as the enquiry's page says it."""
    start, end = (timezone.localtime(value, PRACTICE_ZONE) for value in (call.starts_at, call.ends_at))
    return f"{dateformat.format(start, 'g:i A')}–{dateformat.format(end, 'g:i A')}"


def call_day(call):
    """ "Tuesday, January 12 at 12:00 PM Eastern Time"."""
    start = timezone.localtime(call.starts_at, PRACTICE_ZONE)
    return f"{dateformat.format(start, 'l, F j')} at {dateformat.format(start, 'g:i A')} {PRACTICE_ZONE_NAME}"


def enquiry_path(call):
    return reverse(ENQUIRY_ADMIN_URL_NAME, args=[call.submission_id]) if call.submission_id else ""


class AgendaMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_required = "change"
    header_icon = "date"

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Booking)

    def agenda_url(self):
        return reverse("booking_agenda:index")

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": self.agenda_url(), "label": "Agenda"}]
        return items if self.get_page_title() == "Agenda" else [*items, {"url": "", "label": self.page_title}]


class AgendaView(AgendaMixin, TemplateView):
    template_name = "booking/admin/agenda.html"
    page_title = "Agenda"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            days=[
                {
                    "label": day.label,
                    "day": day.day,
                    "hosts": [
                        {"name": host.name, "calls": [self.row(call, now) for call in host.calls]}
                        for host in day.hosts
                    ],
                }
                for day in agenda(now=now)
            ],
            zone=PRACTICE_ZONE_NAME,
            **kwargs,
        )

    def row(self, call, now):
        live = call.status == Booking.Status.LIVE
        return {
            "call": call,
            "title": call.staff_title,
            "when": call_when(call),
            "enquiry_url": enquiry_path(call),
            "status": call.get_status_display(),
            "live": live,
            "can_mark_no_answer": live and now >= call.starts_at,
        }


class CallActionView(AgendaMixin, TemplateView):
    """A page about one live call, whose POST acts on it and returns to the agenda."""

    template_name = "booking/admin/call_action.html"

    @cached_property
    def call(self):
        # Read once the permission check has passed: an editor learns nothing of which exist.
        return get_object_or_404(Booking.objects.for_staff(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        if self.call.status != Booking.Status.LIVE:
            return self.no_longer_booked()
        return super().get(request, *args, **kwargs)

    def no_longer_booked(self):
        messages.warning(self.request, f"{self.call.staff_title} is no longer booked: nothing changed.")
        return redirect(self.agenda_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            call=self.call,
            title=self.call.staff_title,
            when=call_day(self.call),
            host=str(self.call.host),
            enquiry_url=enquiry_path(self.call),
            agenda_url=self.agenda_url(),
            **kwargs,
        )


class CancelView(CallActionView):
    page_title = "Cancel call"
    confirmation = "The call is cancelled and its time is offered again."
    submit_label = "Yes, cancel the call"
    keep_label = "No, keep it"

    def post(self, request, *args, **kwargs):
        if not services.cancel(self.call, by=request.user):
            return self.no_longer_booked()
        messages.success(request, f"{self.call.staff_title} cancelled.")
        return redirect(self.agenda_url())


class NoAnswerView(CallActionView):
    page_title = "No answer"
    confirmation = (
        "The call is over: its time is not offered again, and the enquiry's history says nobody answered."
    )
    submit_label = "Yes, nobody answered"
    keep_label = "No, go back"

    def post(self, request, *args, **kwargs):
        try:
            marked = services.mark_no_answer(self.call, by=request.user)
        except services.CallNotDue:
            messages.error(request, f"{self.call.staff_title} has not started yet: nothing changed.")
            return redirect(self.agenda_url())
        if not marked:
            return self.no_longer_booked()
        messages.success(request, f"{self.call.staff_title}: no answer recorded.")
        return redirect(self.agenda_url())


class MoveView(CallActionView):
    """The same host's free times, by the client's own form for moving a call
    (booking.forms.MoveForm) with every day shown; the chosen one is booked and the old time
    freed in one step (booking.services.move)."""

    template_name = "booking/admin/move.html"
    page_title = "Move call"

    def get_context_data(self, form=None, **kwargs):
        form = form or MoveForm(self.call, more_days=True)
        return super().get_context_data(form=form, **kwargs)

    def post(self, request, *args, **kwargs):
        form = MoveForm(self.call, data=request.POST, more_days=True)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            moved = services.move(self.call, start=form.cleaned_data["consultation_time"], by=request.user)
        except services.BookingChanged:
            return self.no_longer_booked()
        except services.SlotTaken:
            form.time_taken()
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, f"{self.call.staff_title} moved to {call_day(moved)}.")
        return redirect(self.agenda_url())


class AgendaViewSet(ViewSet):
    name = "booking_agenda"
    url_prefix = "booking/agenda"
    icon = "calendar"
    menu_label = "Agenda"

    @property
    def menu_item_class(self):
        def is_shown(_item, request):
            return policy_registry.get_by_type(Booking).user_has_permission(request.user, "change")

        return type("AgendaMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        view = forbidden_as_403
        return [
            path("", view(AgendaView.as_view()), name="index"),
            path("cancel/<int:pk>/", view(CancelView.as_view()), name="cancel"),
            path("move/<int:pk>/", view(MoveView.as_view()), name="move"),
            path("no-answer/<int:pk>/", view(NoAnswerView.as_view()), name="no_answer"),
        ]
