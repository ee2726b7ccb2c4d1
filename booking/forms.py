"""The time picker of the consultation request: free times as radio buttons, grouped by day.

Server-rendered and complete without JavaScript. A time is posted as its UTC instant
("20270112T1700Z"); whether it is still free is decided when booking (booking.services), so a
time that vanished meanwhile gets "That time was just taken", never "invalid choice".
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from booking.clock import PRACTICE_ZONE, practice_zone_name
from booking.services import free_times, hosts_for

VALUE_FORMAT = "%Y%m%dT%H%MZ"
FIRST_DAYS = 3  # days with free times shown before "More days"
NEAREST = 6  # free times offered after the chosen one was taken
FIRST_LOOK = timedelta(days=7)  # how far ahead the first days are looked for (offered_times)


def time_value(instant):
    return instant.astimezone(UTC).strftime(VALUE_FORMAT)


def day_label(day):
    """ "Tuesday, January 12"; each language's own month-day order ("화요일, 1월 12일")."""
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'MONTH_DAY_FORMAT')}"


def time_label(instant):
    """The wall-clock time on the practice's clock ("12:00 p.m."), in the active language."""
    return formats.time_format(timezone.localtime(instant, PRACTICE_ZONE), "TIME_FORMAT")


@dataclass
class Day:
    label: str
    times: list  # (value, label, id)


class ConsultationTimeField(forms.CharField):
    """An optional UTC instant chosen among the offered times; empty means "call me back"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Pick a time for your free call"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return datetime.strptime(value, VALUE_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            raise forms.ValidationError(_("Please choose one of the times shown."), code="invalid") from None


class ReminderField(forms.BooleanField):
    """Whether the client wants an email the day before her call (only with email consent)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Email me a reminder the day before"))
        kwargs.setdefault("help_text", _("Only with a time picked and email allowed above."))
        super().__init__(**kwargs)


class TimePicker:
    """What the template shows: the free times grouped by day in the practice's zone, soonest
    first; the first few days unless `more_days`."""

    def __init__(self, slots, *, more_days=False, html_id="id_consultation_time"):
        starts = sorted({slot.start for slot in slots})
        days = {}
        for start in starts:
            local = timezone.localtime(start, PRACTICE_ZONE)
            days.setdefault(local.date(), []).append(start)
        self.has_more = not more_days and len(days) > FIRST_DAYS
        shown = list(days.items()) if more_days else list(days.items())[:FIRST_DAYS]
        self.days = []
        for day, day_starts in shown:
            times = [
                (time_value(start), time_label(start), f"{html_id}_{time_value(start)}")
                for start in day_starts
            ]
            self.days.append(Day(day_label(day), times))

    @property
    def zone_name(self):
        return practice_zone_name()

    @property
    def zone_key(self):
        """The practice's IANA zone, for the browser to show the visitor's own time beside."""
        return PRACTICE_ZONE.key

    def __bool__(self):
        return bool(self.days)


@dataclass
class CallTime:
    """A booked call as its client reads it: "Tuesday, January 12", "12:00 p.m.", "Eastern Time"."""

    day: str
    time: str
    zone: str
    minutes: int

    @classmethod
    def of(cls, booking):
        start = timezone.localtime(booking.starts_at, PRACTICE_ZONE)
        minutes = (booking.ends_at - booking.starts_at) // timedelta(minutes=1)
        return cls(day_label(start.date()), time_label(start), practice_zone_name(), minutes)


class MoveForm(forms.Form):
    """A new time for a booked call, among its host's free times (the call's own is busy, so
    never offered). Whether the time is still free is decided by `booking.services.move`."""

    consultation_time = ConsultationTimeField(
        required=True,
        label=_("Choose a new time"),
        error_messages={"required": _("Please choose a new time.")},
    )

    def __init__(self, booking, *args, more_days=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.booking = booking
        self.time_picker = TimePicker(free_times([booking.host]), more_days=more_days)

    def time_taken(self):
        """The chosen time went to someone else: say so and offer the nearest free times."""
        chosen = self.cleaned_data["consultation_time"]
        self.add_error("consultation_time", _("That time was just taken. Here are the nearest free times."))
        self.time_picker = TimePicker(nearest(free_times([self.booking.host]), chosen), more_days=True)


def offered_times(clinician_slug=None, *, first_days=None, now=None):
    """Free times of the chosen clinician, or of every host offering times. With `first_days`,
    enough of them to show that many days and to know that more follow: a week ahead is read
    first, the whole horizon only when the week holds no more days than that."""
    hosts = list(hosts_for(clinician_slug))
    now = now or timezone.now()
    if first_days:
        soon = free_times(hosts, end=now + FIRST_LOOK, now=now)
        if len({timezone.localtime(slot.start, PRACTICE_ZONE).date() for slot in soon}) > first_days:
            return soon
    return free_times(hosts, now=now)


def nearest(slots, instant, count=NEAREST):
    """The `count` free times closest to `instant`, in order."""
    closest = sorted(slots, key=lambda slot: abs(slot.start - instant))[:count]
    return sorted(closest)
