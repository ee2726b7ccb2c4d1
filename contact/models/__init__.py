"""The contact app's models: enquiries (`submissions`), what staff leave on them
(`staff_trail`) and the contact settings (`contact_settings`)."""

from contact.models.contact_settings import ContactSettings, validate_recipient_lines
from contact.models.staff_trail import SubmissionExport, SubmissionNote, SubmissionView
from contact.models.submissions import (
    INTAKE_GROUP_NAME,
    ConsultationRequest,
    ContactMessage,
    Submission,
    SubmissionQuerySet,
)

__all__ = [
    "INTAKE_GROUP_NAME",
    "ConsultationRequest",
    "ContactMessage",
    "ContactSettings",
    "Submission",
    "SubmissionExport",
    "SubmissionNote",
    "SubmissionQuerySet",
    "SubmissionView",
    "validate_recipient_lines",
]
