"""An enquiry's own page, grouped as the intake coordinator works: how to reach the person
safely, what they ask for, then the status and notes (changed inline), and last, folded away,
the delivery details of the emails about it. Every opening of the page is logged.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.views.generic import EditView, InspectView

from booking.models import Booking
from contact.inbox.common import practice_time
from contact.inbox.listing import age, response_time_hours
from contact.inbox.outreach import outreach_scripts
from contact.models import ConsultationRequest, Submission
from contact.services import (
    submission_add_note,
    submission_mark_replied,
    submission_record_view,
    submission_update_status,
)
from practice.models import ClinicianPage

# Session key: the enquiry whose page a save is about to show again (not a new opening).
SHOWN_AFTER_SAVE = "enquiry_shown_after_save"
NOTE_HELP = "For staff only. Keep clinical details in the records system, not here."


class SubmissionUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Submission.Status.choices)
    note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTE_HELP,
    )


def tel_href(phone):
    """A `tel:` address for a phone number as typed: "(201) 555-0188" -> "tel:+12015550188"
    (ten digits are a US number); "" when there are too few digits to dial."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10:
        digits = "1" + digits
    if len(digits) < 7:
        return ""
    return f"tel:+{digits}" if len(digits) == 11 or phone.strip().startswith("+") else f"tel:{digits}"


def consent(label, given_at):
    return {
        "label": label,
        "given": given_at is not None,
        "when": practice_time(given_at) if given_at else "",
    }


def reach_context(submission):
    """How to reach them safely: name, links, each channel's consent, best times, and the words
    to use on each channel."""
    context = {
        "name": submission.preferred_name,
        "email": submission.email,
        "phone": submission.phone,
        "tel": tel_href(submission.phone),
        "preferred_channel": submission.get_preferred_channel_display(),
        "language": submission.language_name,
        "scripts": outreach_scripts(submission),
    }
    if isinstance(submission, ConsultationRequest):
        times = submission.best_times
        context.update(
            pronouns=submission.pronouns,
            consents=[
                consent("Voicemail", submission.voicemail_consent_at),
                consent("Text messages", submission.text_consent_at),
                consent("Email that names the practice", submission.email_consent_at),
            ],
            best_times=", ".join([times[0], *(label.lower() for label in times[1:])]) if times else "",
        )
    else:
        context["receipt"] = consent("Email receipt", submission.receipt_consent_at)
    return context


def asks_context(submission):
    """What they are asking for, as (label, value) rows."""
    if not isinstance(submission, ConsultationRequest):
        return {"rows": [], "message": submission.message}
    who = submission.get_client_type_display()
    if submission.guardian_name:
        relationship = submission.get_guardian_relationship_display() or "guardian"
        who += f" — {relationship.lower()}: {submission.guardian_name}"
    payment = submission.get_payment_display()
    if submission.insurance_carrier:
        payment += f" ({submission.insurance_carrier})"
    rows = [
        ("Who it is for", who),
        ("Where they will be during sessions", submission.get_location_display()),
        ("Service", submission.service_title or "Not chosen"),
        ("Clinician", submission.clinician_name or "Would like help choosing"),
        ("Format", submission.get_session_format_display()),
        ("Payment", payment),
        ("How they heard about us", submission.get_heard_about_display() or "Not said"),
    ]
    return {"rows": rows, "note": submission.note}


def delivery_rows(submission):
    rows = [
        ("Staff notification", submission.get_notification_state_display()),
        ("Attempts", submission.notification_attempts),
        ("Sent", practice_time(submission.notification_sent_at)),
        ("Next attempt", practice_time(submission.notification_retry_at)),
        ("Last error", submission.notification_last_error or "—"),
        ("Visitor confirmation", submission.get_confirmation_state_display()),
    ]
    if submission.confirmation_state:
        rows += [
            ("Confirmation attempts", submission.confirmation_attempts),
            ("Confirmation sent", practice_time(submission.confirmation_sent_at)),
            ("Confirmation error", submission.confirmation_last_error or "—"),
        ]
    rows += [
        ("Privacy notice acknowledged", practice_time(submission.privacy_acknowledged_at)),
        ("“Not for emergencies” acknowledged", practice_time(submission.not_emergency_acknowledged_at)),
    ]
    return rows


def staff_name(user, username):
    """How colleagues know a staff member: the full name, else the username kept with the entry
    (also when the account has since been deleted)."""
    return (user.get_full_name() if user else "") or username


def language_speakers(submission):
    """For an enquiry sent in another language of the site (/ko/, /hi/): the language's name and
    the visible clinicians who speak it, [(name, page address, accepting new clients)], so the
    coordinator can match the first call. None for an enquiry in the default language."""
    if submission.language == settings.LANGUAGE_CODE:
        return None
    clinicians = ClinicianPage.objects.visible().speaking(submission.language).select_related(None)
    return {
        "language": submission.language_name,
        "clinicians": [
            (person.display_name, person.get_url(), person.accepting_new_clients) for person in clinicians
        ],
    }


class SubmissionInspectView(InspectView):
    template_name = "contact/admin/inspect.html"
    page_title = "Enquiry"

    def get_object(self, queryset=None):
        return get_object_or_404(Submission.objects.for_inbox(), pk=self.pk).specific

    def get(self, request, *args, **kwargs):
        # The page a save sends the coordinator back to is the opening already logged; the mark
        # is in the session, which only this server writes, so no address can skip the log.
        if request.session.pop(SHOWN_AFTER_SAVE, None) != self.object.pk:
            submission_record_view(submission=self.object, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_fields_context(self):
        return []  # the template groups the answers itself

    def get_update_form(self):
        return SubmissionUpdateForm(initial={"status": self.object.status})

    def get_context_data(self, update_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        hours = response_time_hours()
        context.update(
            received=practice_time(submission.received_at),
            age=age(submission.received_at),
            overdue=Submission.objects.overdue(hours).filter(pk=submission.pk).exists(),
            hours=hours,
            reach=reach_context(submission),
            asks=asks_context(submission),
            speakers=language_speakers(submission),
            booking=Booking.objects.for_enquiry(submission),
            update_form=update_form or self.get_update_form(),
            update_url=reverse("enquiries:update", args=[submission.pk]),
            notes=[
                {
                    "author": staff_name(note.author, note.author_name),
                    "when": practice_time(note.created_at),
                    "text": note.text,
                }
                for note in submission.notes.select_related("author")
            ],
            staff_notes=submission.staff_notes,
            first_reply=practice_time(submission.first_replied_at) if submission.first_replied_at else "",
            views=[
                {"username": staff_name(view.user, view.username), "when": practice_time(view.viewed_at)}
                for view in submission.views.select_related("user")[:100]
            ],
            export_log_url=reverse("enquiry_exports:index"),
            delivery=delivery_rows(submission),
        )
        return context


class SubmissionUpdateView(SubmissionInspectView):
    """The inline form's target: changes the status and/or adds a note, then returns to the
    enquiry's page. Needs the "change" permission, which only intake staff can hold."""

    any_permission_required = None
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SubmissionUpdateForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(update_form=form)
            return self.render_to_response(context, status=400)
        submission, user = self.object, request.user
        changed = submission_update_status(
            submission=submission, status=form.cleaned_data["status"], user=user
        )
        noted = bool(form.cleaned_data["note"])
        if noted:
            submission_add_note(submission=submission, text=form.cleaned_data["note"], user=user)
        if changed and noted:
            messages.success(request, f"Status changed to {submission.get_status_display()} and note added.")
        elif changed:
            messages.success(request, f"Status changed to {submission.get_status_display()}.")
        elif noted:
            messages.success(request, "Note added.")
        else:
            messages.info(request, "Nothing changed: choose another status or write a note.")
        request.session[SHOWN_AFTER_SAVE] = submission.pk
        return redirect("enquiries:inspect", submission.pk)


class SubmissionEditView(EditView):
    """The full edit form (status and the older free-text notes): a status change here counts
    as a first reply too."""

    def save_instance(self):
        instance = super().save_instance()
        submission_mark_replied(submission=instance)
        return instance
