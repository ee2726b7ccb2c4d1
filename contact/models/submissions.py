"""Stored contact messages and consultation requests.

A `Submission` holds what every enquiry has (who to reach and how, consents, status, the
notification's delivery state); `ContactMessage` and `ConsultationRequest` extend it with
their own typed answers (multi-table inheritance), so the staff inbox lists both kinds
together while each answer keeps its own column.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from contact.validators import normalized_email, normalized_phone
from siteplatform.encrypted import (
    BlindIndexField,
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)

INTAKE_GROUP_NAME = "Intake coordinators"


class SubmissionQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Submission.Status.NEW)

    def awaiting_reply(self, hours):
        """New submissions received more than `hours` ago: the practice's promise is overdue."""
        return self.new().filter(received_at__lt=timezone.now() - timedelta(hours=hours))

    def overdue(self, hours):
        """The same, by its name in the inbox: still new after the promised response time."""
        return self.awaiting_reply(hours)

    def with_overdue(self, hours):
        """Annotates `is_overdue` (see `overdue`), so a list marks late rows without a query each."""
        late = models.Q(status=Submission.Status.NEW, received_at__lt=timezone.now() - timedelta(hours=hours))
        return self.annotate(
            is_overdue=models.Case(
                models.When(late, then=True), default=False, output_field=models.BooleanField()
            )
        )

    def matching(self, query):
        """What the inbox's search finds: an enquiry by its number ("#12" or "12"), or by its
        exact email address or phone number through their blind indexes. Names, notes and every
        other answer are ciphertext: they are read, never searched."""
        query = query.strip()
        number = query.removeprefix("#").strip()
        found = Q(pk=int(number)) if number.isdigit() and len(number) < 16 else Q()
        for name in ("email_index", "phone_index"):
            if digests := Submission._meta.get_field(name).digests(query):
                found |= Q(**{f"{name}__in": digests})
        return self.filter(found) if found else self.none()

    def older_than(self, days):
        return self.filter(received_at__lt=timezone.now() - timedelta(days=days))

    def undelivered(self):
        """Submissions whose staff notification has not been sent yet (pending, sending or failed)."""
        return self.exclude(notification_state=Submission.NotificationState.SENT)

    def for_inbox(self):
        """What the inbox list and export show, in a fixed number of queries."""
        return self.select_related("consultationrequest", "contactmessage").order_by("-received_at", "-pk")

    def with_queue_position(self):
        """Annotates `waiting_rank` (0 while still new, else 1) and `waiting_since` (when a new
        one arrived), so `QUEUE_ORDER` puts what needs a reply first, the longest waiting on top,
        then the rest newest first."""
        waiting = models.Q(status=Submission.Status.NEW)
        return self.annotate(
            waiting_rank=models.Case(
                models.When(waiting, then=0), default=1, output_field=models.IntegerField()
            ),
            waiting_since=models.Case(models.When(waiting, then="received_at"), default=None),
        )

    def oldest_waiting(self, count):
        """The `count` enquiries that have waited longest for a first reply."""
        return self.new().order_by("received_at", "pk")[:count]


# The inbox's default order: what needs a reply first, oldest first; then the rest, newest first.
QUEUE_ORDER = ["waiting_rank", "waiting_since", "-received_at", "-pk"]


class Submission(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", "Contact message"
        CONSULTATION = "consultation", "Consultation request"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        REFERRED = "referred", "Referred"
        CLOSED = "closed", "Closed"

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    class NotificationState(models.TextChoices):
        """Where one email about this submission stands (see contact.notifications)."""

        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False)
    received_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    staff_notes = EncryptedTextField(
        blank=True, help_text="For staff only. Keep clinical details in the records system, not here."
    )

    # When staff first answered: the first change of status away from "new" or the first note,
    # whichever came first (set by contact.services; the dashboard's reply-time chart reads it).
    first_replied_at = models.DateTimeField(null=True, blank=True, editable=False)

    preferred_name = EncryptedCharField(max_length=100)
    # The language the visitor used the site in (its address: /ko/contact/intake/ is Korean),
    # set by contact.services; shown to staff on the enquiry, never in an email.
    language = models.CharField("language the visitor used", max_length=10, default="en", editable=False)
    email = EncryptedEmailField(blank=True)
    phone = EncryptedCharField(max_length=30, blank=True)
    # Keyed digests of the address and number (siteplatform/encrypted.py): the inbox finds an
    # enquiry by its exact email or phone without either being stored readable.
    email_index = BlindIndexField(source="email", normalize=normalized_email)
    phone_index = BlindIndexField(source="phone", normalize=normalized_phone)
    preferred_channel = models.CharField(max_length=10, choices=Channel.choices)

    # Acknowledgements: when each was given (every saved submission has both).
    privacy_acknowledged_at = models.DateTimeField(null=True, editable=False)
    not_emergency_acknowledged_at = models.DateTimeField(null=True, editable=False)

    # Two emails are sent about a submission, each with the same delivery fields under its own
    # prefix: the staff notification ("notification_") and the visitor's confirmation
    # ("confirmation_"). contact.notifications is the only code that writes them.
    notification_state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING, db_index=True
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    # A mail server's complaint can quote the visitor's address: encrypted like the answers.
    notification_last_error = EncryptedCharField(max_length=300, blank=True)
    notification_sent_at = models.DateTimeField(null=True, blank=True)
    notification_retry_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next automatic attempt is due, if one is scheduled."
    )
    notification_claimed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a sender started sending it (state “Sending”)."
    )

    # Empty: no confirmation is due (the practice turned them off, or the visitor gave no
    # email address or did not ask to be emailed).
    confirmation_state = models.CharField(
        "visitor confirmation",
        max_length=10,
        choices=[("", "Not requested"), *NotificationState.choices],
        blank=True,
        default="",
        db_index=True,
    )
    confirmation_attempts = models.PositiveSmallIntegerField("visitor confirmation attempts", default=0)
    confirmation_last_error = EncryptedCharField("visitor confirmation error", max_length=300, blank=True)
    confirmation_sent_at = models.DateTimeField("visitor confirmation sent at", null=True, blank=True)
    confirmation_retry_at = models.DateTimeField("visitor confirmation retry at", null=True, blank=True)
    confirmation_claimed_at = models.DateTimeField(
        "visitor confirmation claimed at", null=True, blank=True, editable=False
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"

    def __str__(self):
        # No name here: this string appears in admin titles, logs and breadcrumbs.
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def reference(self):
        return f"#{self.pk}"

    @property
    def specific(self):
        """The ContactMessage or ConsultationRequest this row belongs to."""
        if self.kind == self.Kind.CONSULTATION:
            return getattr(self, "consultationrequest", self)
        if self.kind == self.Kind.CONTACT:
            return getattr(self, "contactmessage", self)
        return self

    @property
    def language_name(self):
        """The visitor's language, named in English for staff ("Korean")."""
        try:
            return get_language_info(self.language)["name"]
        except KeyError:
            return self.language

    @property
    def service_label(self):
        detail = self.specific
        return getattr(detail, "service_title", "") or ""

    @property
    def location_label(self):
        detail = self.specific
        return detail.get_location_display() if getattr(detail, "location", "") else ""


class ContactMessage(Submission):
    message = EncryptedTextField(max_length=1000)
    # When the visitor ticked "Email me a short receipt"; empty: send them nothing.
    receipt_consent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "contact message"
        verbose_name_plural = "contact messages"

    def save(self, *args, **kwargs):
        self.kind = Submission.Kind.CONTACT
        super().save(*args, **kwargs)


class ConsultationRequest(Submission):
    class ClientType(models.TextChoices):
        SELF = "self", _("Me (an adult)")
        CHILD = "child", _("My child (under 18)")
        COUPLE_FAMILY = "couple_family", _("Couple or family")

    class GuardianRelationship(models.TextChoices):
        PARENT = "parent", _("Parent")
        LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")

    class Location(models.TextChoices):
        NJ_IN_PERSON = "nj_in_person", _("New Jersey, in person at the office")
        NJ_TELEHEALTH = "nj_telehealth", _("New Jersey, by telehealth")
        OTHER_STATE = "other_state", _("Another state")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        TELEHEALTH = "telehealth", _("Telehealth (video)")
        EITHER = "either", _("Either is fine")

    class Payment(models.TextChoices):
        INSURANCE = "insurance", _("Insurance")
        SELF_PAY = "self_pay", _("Self-pay")
        UNSURE = "unsure", _("Not sure yet")

    class HeardAbout(models.TextChoices):
        SEARCH = "search", _("Web search")
        DIRECTORY = "directory", _("A therapist directory")
        FRIEND = "friend", _("A friend or family member")
        PROVIDER = "provider", _("A doctor or another provider")
        SOCIAL = "social", _("Social media")
        ARTICLE = "article", _("An article on this site")
        OTHER = "other", _("Somewhere else")

    class BestTime(models.TextChoices):
        # Each choice is stored in the boolean field `best_time_<value>`.
        MORNINGS = "mornings", _("Weekday mornings")
        AFTERNOONS = "afternoons", _("Weekday afternoons")
        EVENINGS = "evenings", _("Weekday evenings")
        WEEKENDS = "weekends", _("Weekends")

    pronouns = EncryptedCharField(max_length=40, blank=True)
    best_time_mornings = models.BooleanField(default=False)
    best_time_afternoons = models.BooleanField(default=False)
    best_time_evenings = models.BooleanField(default=False)
    best_time_weekends = models.BooleanField(default=False)

    # Consent per channel: when it was given, or empty when it was not.
    voicemail_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    text_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_consent_at = models.DateTimeField(null=True, blank=True, editable=False)

    client_type = models.CharField(max_length=20, choices=ClientType.choices)
    guardian_name = EncryptedCharField(max_length=100, blank=True)
    guardian_relationship = models.CharField(max_length=20, choices=GuardianRelationship.choices, blank=True)
    location = models.CharField(max_length=20, choices=Location.choices)

    service = models.ForeignKey(
        "practice.ServicePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the request still says what was asked for if the page goes. Plain, as
    # clinician_name: they are the titles of the practice's own public pages, shared by many
    # requests, and name no client (the inbox lists and exports them).
    service_title = models.CharField(max_length=255, blank=True)
    clinician = models.ForeignKey(
        "practice.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clinician_name = models.CharField(
        max_length=255, blank=True, help_text="Empty when the visitor asked for help choosing."
    )
    session_format = models.CharField(max_length=20, choices=Format.choices)
    payment = models.CharField(max_length=20, choices=Payment.choices)
    insurance_carrier = EncryptedCharField(max_length=100, blank=True)
    heard_about = models.CharField(max_length=20, choices=HeardAbout.choices, blank=True)
    note = EncryptedTextField(max_length=500, blank=True)

    class Meta:
        verbose_name = "consultation request"
        verbose_name_plural = "consultation requests"

    def save(self, *args, **kwargs):
        self.kind = Submission.Kind.CONSULTATION
        super().save(*args, **kwargs)

    @property
    def best_times(self):
        """Labels of the chosen best times, in BestTime order."""
        return [str(label) for value, label in self.BestTime.choices if getattr(self, f"best_time_{value}")]
