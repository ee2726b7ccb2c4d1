"""The staff-edited contact settings: who is told of new enquiries, and how visitors hear back."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, validate_email
from django.db import models
from django.utils.translation import gettext, gettext_noop
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from contact.models.permissions import IntakeStaffPermissionPolicy

# The shipped subject, translated for each visitor until staff write their own (marked here,
# translated when the email is written: the field's default stays this English text).
VISITOR_SUBJECT_DEFAULT = gettext_noop("Your message to us")


def validate_recipient_lines(value):
    for line in value.splitlines():
        if line.strip():
            try:
                validate_email(line.strip())
            except ValidationError:
                raise ValidationError(f"“{line.strip()}” is not an email address.") from None


@register_setting(icon="mail")
class ContactSettings(BaseGenericSetting):
    notification_recipients = models.TextField(
        blank=True,
        validators=[validate_recipient_lines],
        help_text=(
            "Who is told about new requests, one email address per line. Empty: the practice's "
            "public email address from Practice details."
        ),
    )
    include_details_in_email = models.BooleanField(
        default=False,
        verbose_name="Include answers in notification emails",
        help_text=(
            "Only check this if your email provider has signed a business associate agreement (BAA) "
            "with the practice. Otherwise emails say only that a request arrived, with a link."
        ),
    )
    send_visitor_confirmation = models.BooleanField(
        default=True,
        help_text=(
            "Email visitors a short, generic “we received your request” when they asked for one "
            "(the receipt box on the contact form, the email consent on the consultation request). "
            "It repeats nothing they wrote."
        ),
    )
    visitor_sender_name = models.CharField(
        max_length=60,
        default="WR Wellness",
        help_text=(
            "The sender name visitors see on emails to them. Others may see their inbox: keep it "
            "neutral (no “therapy” or “counseling”)."
        ),
    )
    visitor_subject = models.CharField(
        max_length=120,
        default=VISITOR_SUBJECT_DEFAULT,
        help_text="The subject of the receipt visitors get. Keep it neutral, as above.",
    )
    retention_days = models.PositiveIntegerField(
        default=365,
        validators=[MinValueValidator(1)],
        help_text="Requests older than this many days are deleted by the daily purge_submissions job.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("notification_recipients"), FieldPanel("include_details_in_email")],
            heading="Staff notifications",
        ),
        MultiFieldPanel(
            [
                FieldPanel("send_visitor_confirmation"),
                FieldPanel("visitor_sender_name"),
                FieldPanel("visitor_subject"),
            ],
            heading="Messages to visitors",
        ),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = "Contact and intake"

    @classmethod
    def get_permission_policy(cls):
        """Only intake staff may change these: the recipients decide who reads every enquiry."""
        return IntakeStaffPermissionPolicy(cls)

    @property
    def visitor_subject_display(self):
        """The subject in the active language while it is the shipped default; else as staff wrote it."""
        if self.visitor_subject == VISITOR_SUBJECT_DEFAULT:
            return gettext(VISITOR_SUBJECT_DEFAULT)
        return self.visitor_subject

    @property
    def recipient_list(self):
        return [line.strip() for line in self.notification_recipients.splitlines() if line.strip()]
