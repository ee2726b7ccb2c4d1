"""Who hosts the free consultation and when (kept by intake staff in the admin), and the bookings.

A `ConsultationHost` is a staff member (the intake coordinator) or a clinician; its weekly windows
and dated exceptions are wall-clock times in the practice's zone (settings.TIME_ZONE). A
`Booking` holds one host's call in UTC; the database allows one live booking per host and start.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import dateformat, timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from booking.clock import PRACTICE_ZONE, PRACTICE_ZONE_NAME
from booking.slots import Rules, Window
from siteplatform.encrypted import EncryptedCharField

# The reminder a client may ask for goes out this long before the call.
REMINDER_BEFORE = timedelta(hours=24)
# Where an email about a call stands (the values of contact's NotificationState).
DELIVERY_STATES = [
    ("", "Not due"),
    ("pending", "Pending"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("failed", "Failed"),
]

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class ConsultationHostQuerySet(models.QuerySet):
    def open(self):
        """Hosts who offer times now: active, and for a clinician, visible and accepting new
        clients (a full caseload offers nothing)."""
        open_clinician = Q(clinician__accepting_new_clients=True, clinician__live=True)
        return self.filter(active=True).filter(Q(clinician__isnull=True) | open_clinician)

    def offering(self):
        """The open hosts, with their windows and exceptions in two queries."""
        return (
            self.open()
            .select_related("clinician", "user")
            .prefetch_related("windows", "exceptions")
            .order_by("pk")
        )

    def bookable_clinicians(self):
        """The pages of the clinicians whose free call can be booked now (open, with weekly hours),
        as a subquery: the team page marks its cards with it in its own query."""
        return self.open().filter(clinician__isnull=False, windows__isnull=False).values("clinician")


class ConsultationHost(ClusterableModel):
    """One person who takes free consultation calls, and the rules of their availability."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_host",
        help_text="A staff member who takes calls, such as the intake coordinator. Leave empty for a clinician.",
    )
    clinician = models.OneToOneField(
        "practice.ClinicianPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_host",
        help_text="A clinician who takes calls. She offers no time while her caseload is full.",
    )
    active = models.BooleanField(default=True, help_text="Uncheck to stop offering this host’s times.")
    slot_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="How long one call lasts, in minutes."
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Minutes kept free before each call."
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Minutes kept free after each call."
    )
    minimum_notice_hours = models.PositiveSmallIntegerField(
        default=24, help_text="The soonest a call can be booked, in hours from now."
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=21, help_text="How many days ahead calls can be booked."
    )
    daily_cap = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The most calls in one day. Leave empty for no limit."
    )
    # The secret part of the host's calendar feed address (/calendar/<token>.ics): made when staff
    # first ask for it, replaced (the old address then answers 404) by "Reset the feed address".
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = ConsultationHostQuerySet.as_manager()
    # Who offers calls shows on the team page ("Book a free 15-minute call"): a change empties
    # the page cache. Bookings do not show there, and do not.
    page_cache_content = True

    panels = [
        MultiFieldPanel(
            [FieldPanel("user"), FieldPanel("clinician"), FieldPanel("active")], heading="Who takes the calls"
        ),
        FieldRowPanel(
            [
                FieldPanel("slot_minutes"),
                FieldPanel("buffer_before_minutes"),
                FieldPanel("buffer_after_minutes"),
            ],
            heading="Calls",
        ),
        FieldRowPanel(
            [FieldPanel("minimum_notice_hours"), FieldPanel("horizon_days"), FieldPanel("daily_cap")],
            heading="When calls can be booked",
        ),
        InlinePanel("windows", heading=f"Weekly hours ({PRACTICE_ZONE_NAME})", label="Weekly hours"),
        InlinePanel("exceptions", heading="Time off and holidays", label="Time off"),
    ]

    class Meta:
        verbose_name = "consultation host"
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, clinician__isnull=False)
                | Q(user__isnull=False, clinician__isnull=True),
                name="booking_host_is_a_user_or_a_clinician",
                violation_error_message="Choose a staff member or a clinician, not both.",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="booking_slot_at_least_five_minutes",
                violation_error_message="A call lasts at least 5 minutes.",
            ),
        ]

    def __str__(self):
        if self.clinician_id:
            return self.clinician.title
        return self.user.get_full_name() or self.user.get_username()

    @property
    def public_name(self):
        """The name a client may read beside her call: a clinician's, as the request form lists
        her, while her page is live; "" for a staff host, whom a client knows as the practice."""
        if self.clinician_id and self.clinician.live:
            return self.clinician.display_name
        return ""

    @property
    def offers_slots(self):
        if not self.active:
            return False
        return self.clinician_id is None or (self.clinician.accepting_new_clients and self.clinician.live)

    def rules(self, zone, *, windows=None, exceptions=None):
        """The slot engine's view of this host (windows and exceptions as prefetched, or the
        given `windows` (slot engine Windows) and `exceptions` ((start, end) spans) instead)."""
        if windows is None:
            windows = [Window(w.weekday, w.starts_at, w.ends_at) for w in self.windows.all()]
        if exceptions is None:
            exceptions = [exception.span(zone) for exception in self.exceptions.all()]
        return Rules(
            windows=tuple(windows),
            slot=timedelta(minutes=self.slot_minutes),
            buffer_before=timedelta(minutes=self.buffer_before_minutes),
            buffer_after=timedelta(minutes=self.buffer_after_minutes),
            notice=timedelta(hours=self.minimum_notice_hours),
            horizon=timedelta(days=self.horizon_days),
            daily_cap=self.daily_cap,
            exceptions=tuple(exceptions),
        )


class WeeklyWindow(Orderable):
    host = ParentalKey(ConsultationHost, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    starts_at = models.TimeField(help_text=f"{PRACTICE_ZONE_NAME}, for example 12:00.")
    ends_at = models.TimeField(help_text=f"{PRACTICE_ZONE_NAME}, for example 15:00.")

    page_cache_content = True  # hours or none decide the team page's link, as on the host

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts_at"), FieldPanel("ends_at")])]

    class Meta(Orderable.Meta):
        verbose_name = "weekly hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="booking_window_ends_after_it_starts",
                violation_error_message="The hours must end after they start.",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class AvailabilityException(Orderable):
    """Time off: whole days from `starts_on` to `ends_on`, or, with times, from `starts_on` at
    `start_time` to `ends_on` at `end_time` (the practice's zone)."""

    host = ParentalKey(ConsultationHost, on_delete=models.CASCADE, related_name="exceptions")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty for one day.")
    start_time = models.TimeField(null=True, blank=True, help_text="Leave empty for the whole day.")
    end_time = models.TimeField(null=True, blank=True, help_text="Leave empty for the whole day.")
    label = models.CharField(
        max_length=80, blank=True, help_text="For staff only, such as “Thanksgiving”. No client names."
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("start_time")]),
        FieldRowPanel([FieldPanel("ends_on"), FieldPanel("end_time")]),
        FieldPanel("label"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "time off"
        verbose_name_plural = "time off"

    def __str__(self):
        return self.label or f"Time off from {self.starts_on}"

    def span(self, zone):
        """The aware (start, end) instants this time off covers."""
        last_day = self.ends_on or self.starts_on
        start = datetime.combine(self.starts_on, self.start_time or time(0), tzinfo=zone)
        if self.end_time is None:
            end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone)
        else:
            end = datetime.combine(last_day, self.end_time, tzinfo=zone)
        return start, end


class BookingQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=Booking.Status.LIVE)

    def holding(self):
        """Bookings that keep their time from being offered: live calls, and calls that went
        unanswered (their time is over, not free again)."""
        return self.filter(status__in=Booking.HOLDING)

    def for_staff(self):
        """With the host's person or page and the enquiry's preferred channel (`channel`),
        without loading the enquiry's encrypted answers: one query for any number of calls."""
        return self.select_related("host__user", "host__clinician").annotate(
            channel=models.F("submission__preferred_channel")
        )

    def for_enquiry(self, submission):
        """The call an enquiry has, for its page: the live one, else the latest cancelled one
        (a moved call's old time is history); None without either. One query."""
        shown = self.filter(
            submission=submission,
            status__in=[Booking.Status.LIVE, Booking.Status.NO_ANSWER, Booking.Status.CANCELLED],
        )
        live_first = models.Case(models.When(status=Booking.Status.LIVE, then=0), default=1)
        return (
            shown.select_related("host__user", "host__clinician")
            .order_by(live_first, "-created_at", "-pk")
            .first()
        )

    def between(self, start, end):
        """Bookings holding time (live or unanswered) that meet [start, end)."""
        return self.holding().filter(starts_at__lt=end, ends_at__gt=start)

    def busy_by_host(self, hosts, start, end):
        """{host pk: [(start, end), ...]} for `hosts` in one query, however many they are."""
        busy = {host.pk: [] for host in hosts}
        rows = (
            self.between(start, end)
            .filter(host__in=list(busy))
            .values_list("host_id", "starts_at", "ends_at")
        )
        for host_id, starts_at, ends_at in rows:
            busy[host_id].append((starts_at, ends_at))
        return busy


class Booking(models.Model):
    """One booked call. A moved call is a new live booking; the old one is kept as `moved`."""

    class Status(models.TextChoices):
        LIVE = "live", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        MOVED = "moved", "Moved"
        NO_ANSWER = "no_answer", "No answer"  # the call was due and nobody answered: over

    HOLDING = (Status.LIVE, Status.NO_ANSWER)

    host = models.ForeignKey(ConsultationHost, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.LIVE)
    submission = models.ForeignKey(
        "contact.Submission",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # purged with the enquiry it belongs to
        related_name="bookings",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The emails about this call beyond the enquiry's own confirmation, each with the delivery
    # fields every email about an enquiry has (contact.notifications is the only code that
    # writes them; empty: none is due): the reminder the client asked for, REMINDER_BEFORE the
    # call ("reminder_"), and the notice that the call was moved here or cancelled ("notice_").
    reminder_state = models.CharField(
        max_length=10, choices=DELIVERY_STATES, blank=True, default="", db_index=True
    )
    reminder_attempts = models.PositiveSmallIntegerField(default=0)
    # A mail server's complaint can quote the client's address: encrypted like the enquiry.
    reminder_last_error = EncryptedCharField(max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_retry_at = models.DateTimeField(null=True, blank=True)
    reminder_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    notice_state = models.CharField(
        max_length=10, choices=DELIVERY_STATES, blank=True, default="", db_index=True
    )
    notice_attempts = models.PositiveSmallIntegerField(default=0)
    notice_last_error = EncryptedCharField(max_length=300, blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    notice_retry_at = models.DateTimeField(null=True, blank=True)
    notice_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            # The one rule against double booking, held by the database on SQLite and PostgreSQL.
            models.UniqueConstraint(
                fields=["host", "starts_at"],
                condition=Q(status="live"),
                name="booking_one_live_booking_per_host_and_start",
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(status="live"),
                name="booking_one_live_booking_per_enquiry",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"Consultation #{self.submission_id or self.pk}"

    @property
    def staff_title(self):
        """What a calendar or the agenda calls the call: "Consultation #123 (phone)", the
        enquiry's number and its preferred channel (annotated by `for_staff()`), no name."""
        title = f"Consultation #{self.submission_id}" if self.submission_id else "Consultation"
        channel = getattr(self, "channel", "")
        return f"{title} ({channel})" if channel else title

    def staff_summary(self):
        """For staff, on the practice's clock: "Consultation booked: Tue, Jan 12, 2:15 PM Eastern
        Time with Grace Kim (15 min)" ("cancelled" once cancelled, "not answered" once nobody
        answered)."""
        when = dateformat.format(timezone.localtime(self.starts_at, PRACTICE_ZONE), "D, M j, g:i A")
        state = {self.Status.CANCELLED: "cancelled", self.Status.NO_ANSWER: "not answered"}.get(
            self.status, "booked"
        )
        minutes = (self.ends_at - self.starts_at) // timedelta(minutes=1)
        return f"Consultation {state}: {when} {PRACTICE_ZONE_NAME} with {self.host} ({minutes} min)"
