"""What staff leave on enquiries: who opened one, their notes, and who exported the inbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from contact.models.submissions import Submission
from siteplatform.encrypted import EncryptedTextField


class SubmissionView(models.Model):
    """One staff member opening one submission in the admin: the access log shown on it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The name at the time, so the log survives the account being deleted.
    username = models.CharField(max_length=150)
    viewed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.username} viewed #{self.submission_id} at {self.viewed_at:%Y-%m-%d %H:%M}"


class SubmissionNote(models.Model):
    """A staff note on a submission (what was tried, what was agreed): for intake staff only."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The name at the time, so the note still says who wrote it if the account goes.
    author_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    text = EncryptedTextField(max_length=2000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "enquiry note"

    def __str__(self):
        # No text here: it may name the person.
        return f"Note on #{self.submission_id} by {self.author_name}"


class SubmissionExport(models.Model):
    """One staff member downloading the inbox as a spreadsheet: the export half of the access log.

    `filters` describes the filters in words; a search's words are not kept (they can be names).
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The name at the time, so the log survives the account being deleted.
    username = models.CharField(max_length=150)
    exported_at = models.DateTimeField(default=timezone.now, db_index=True)
    format = models.CharField(max_length=10, choices=Format.choices)
    filters = models.CharField(max_length=500, blank=True)
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-exported_at", "-pk"]
        verbose_name = "enquiry export"
        verbose_name_plural = "enquiry exports"

    def __str__(self):
        return f"{self.username} exported {self.row_count} enquiries as {self.format}"
