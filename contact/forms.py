"""The contact form and the consultation request form.

Both ask only what a first reply needs: who to reach and how, and for a consultation the few
answers a first call uses; never diagnoses, history or identifiers. `save()` writes the row
and nothing else; notifications are queued by `contact.services.submission_create`.

Text answers lose C0 control characters (and DEL) before validation: visitors cannot see or
fix them, and they break spreadsheets. Only multi-line answers keep tab and line breaks.
"""

import re

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from booking.forms import FIRST_DAYS, ConsultationTimeField, ReminderField, TimePicker, nearest, offered_times
from contact.models import ConsultationRequest, ContactMessage, Submission
from contact.spam import SpamCheckedForm
from contact.validators import EMAIL_MESSAGE, ascii_email, validate_phone, validate_reachable_email_domain
from practice.models import ClinicianPage, ServicePage

# C0 controls and DEL; multi-line answers keep tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
MULTI_LINE_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SINGLE_LINE_SPACES = re.compile(r"[\t\n\r]+")


def strip_control_characters(value, *, multi_line=False):
    """`value` without control characters; a single line turns tabs and line breaks into spaces."""
    if multi_line:
        return MULTI_LINE_CONTROLS.sub("", value)
    return CONTROL_CHARACTERS.sub("", SINGLE_LINE_SPACES.sub(" ", value))


CLINICAL_WARNING = _(
    "Please don’t include health details, symptoms or history here: we will talk about what brings "
    "you in on the call."
)


class NoNullModelChoiceField(forms.ModelChoiceField):
    """A choice among pages by slug that refuses values no database could look up."""

    def to_python(self, value):
        if isinstance(value, str) and ("\x00" in value or len(value) > 255):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ClinicianChoiceField(NoNullModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class SubmissionForm(SpamCheckedForm, forms.ModelForm):
    """What both forms share: a name, how to reach the person, the acknowledgements."""

    acknowledge_not_emergency = forms.BooleanField(
        label=_("I understand this form is not monitored for emergencies."),
        error_messages={"required": _("Please confirm you understand this form is not for emergencies.")},
    )
    acknowledge_privacy = forms.BooleanField(
        label=_("I have read how the practice handles my information."),
        error_messages={"required": _("Please confirm you have read how we handle your information.")},
    )

    # The order of the error summary follows the page.
    field_order = ["preferred_name", "preferred_channel", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        if self.is_bound:
            self.data = self.without_control_characters(self.data)
        fields["preferred_name"].widget.attrs.update({"autocomplete": "name", "spellcheck": "false"})
        fields["preferred_name"].error_messages["required"] = _("Please tell us what to call you.")
        fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        fields["email"].error_messages["invalid"] = EMAIL_MESSAGE
        fields["email"].validators.append(validate_reachable_email_domain)
        fields["phone"].widget = forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "maxlength": "30", "inputmode": "tel"}
        )
        fields["phone"].validators.append(validate_phone)
        fields["phone"].label = _("Phone number")
        fields["preferred_channel"].widget = forms.RadioSelect()
        fields["preferred_channel"].label = _("How should we reach you first?")
        for field in fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # A radio group needs no "---------" choice: nothing ticked means no answer.
                field.choices = [choice for choice in field.choices if choice[0]]
        fields["preferred_channel"].error_messages["required"] = _("Please choose how we should reach you.")
        # Each is needed only with the matching channel (checked in clean()), so neither says
        # "optional"; the hint says when it is needed, and contact-form.js marks it required.
        fields["email"].conditional = fields["phone"].conditional = True
        fields["email"].help_text = _("Needed if you choose “Email”.")
        fields["phone"].help_text = _("Needed if you choose “Phone call” or “Text message”.")

    def without_control_characters(self, data):
        """A copy of the posted `data` whose text has no control characters (see the module)."""
        multi_line = {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.Textarea)
        }
        cleaned = data.copy()
        for name in cleaned:
            values = cleaned.getlist(name) if hasattr(cleaned, "getlist") else [cleaned[name]]
            values = [
                strip_control_characters(value, multi_line=name in multi_line)
                if isinstance(value, str)
                else value
                for value in values
            ]
            if hasattr(cleaned, "setlist"):
                cleaned.setlist(name, values)
            else:
                cleaned[name] = values[0]
        return cleaned

    def clean_email(self):
        return ascii_email(self.cleaned_data["email"])

    def clean(self):
        cleaned_data = super().clean()
        email, phone = cleaned_data.get("email"), cleaned_data.get("phone")
        channel = cleaned_data.get("preferred_channel")
        email_failed = "email" in self.errors
        phone_failed = "phone" in self.errors
        # The chosen channel names the one detail it needs, so fixing that answer is enough;
        # only without a channel is either detail acceptable.
        if channel == Submission.Channel.EMAIL:
            if not email and not email_failed:
                self.add_error("email", _("You chose email: please add your email address."))
        elif channel in (Submission.Channel.PHONE, Submission.Channel.TEXT):
            if not phone and not phone_failed:
                self.add_error("phone", _("You chose a call or text: please add your phone number."))
        elif not email and not phone and not email_failed and not phone_failed:
            self.add_error("email", _("Please give an email address or a phone number, so we can reply."))
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=False)
        now = timezone.now()
        instance.received_at = now
        instance.privacy_acknowledged_at = now
        instance.not_emergency_acknowledged_at = now
        self.fill_extras(instance, now)
        if commit:
            instance.save()
        return instance

    def fill_extras(self, instance, now):
        """Subclasses copy answers that are not plain model fields (consents, choices) here."""

    def error_summary(self):
        """(anchor, message) pairs for the error summary, in page order; anchor is None for
        errors about the whole form."""
        items = [(None, message) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.errors:
                bound = self[name]
                anchor = f"{bound.auto_id}_0" if bound.use_fieldset else bound.auto_id
                items.extend((anchor, message) for message in self.errors[name])
        return items


class ContactForm(SubmissionForm):
    email_receipt = forms.BooleanField(
        required=False,
        label=_("Email me a short receipt"),
        help_text=_(
            "Only with an email address. It says we received your message and repeats nothing you wrote."
        ),
    )

    field_order = SubmissionForm.field_order + ["email_receipt", "message"]

    class Meta:
        model = ContactMessage
        fields = ["preferred_name", "email", "phone", "preferred_channel", "message"]
        labels = {
            "preferred_name": _("Preferred name"),
            "email": _("Email address"),
            "message": _("Your message"),
        }
        help_texts = {"preferred_name": _("The name you would like us to use."), "message": CLINICAL_WARNING}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].widget.attrs.update({"rows": 6})
        self.fields["message"].error_messages["required"] = _("Please write a short message.")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("email_receipt") and not cleaned_data.get("email") and "email" not in self.errors:
            self.add_error("email_receipt", _("For a receipt, add your email address (or uncheck this box)."))
        return cleaned_data

    def fill_extras(self, instance, now):
        instance.receipt_consent_at = now if self.cleaned_data.get("email_receipt") else None


class ConsultationRequestForm(SubmissionForm):
    best_times = forms.MultipleChoiceField(
        required=False,
        label=_("Best times to reach you"),
        choices=ConsultationRequest.BestTime.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_voicemail = forms.BooleanField(
        required=False, label=_("You may leave a voicemail that names the practice.")
    )
    consent_text = forms.BooleanField(
        required=False,
        label=_("You may send me text messages."),
        help_text=_("Needed if you choose “Text message”."),
    )
    consent_email = forms.BooleanField(
        required=False,
        label=_("You may email me from an address that names the practice."),
        help_text=_("Needed if you choose “Email”."),
    )
    service = NoNullModelChoiceField(
        queryset=ServicePage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Not sure yet"),
        label=_("Service you are interested in"),
    )
    clinician = ClinicianChoiceField(
        queryset=ClinicianPage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Help me choose"),
        label=_("Clinician you would like to see"),
        help_text=_("Only clinicians with space for new clients are listed."),
    )
    consultation_time = ConsultationTimeField()
    email_reminder = ReminderField()

    # What a first call does not need, folded under "Help us prepare (optional)" on the page.
    prepare_fields = (
        "pronouns",
        "best_times",
        "service",
        "clinician",
        "session_format",
        "payment",
        "insurance_carrier",
        "heard_about",
        "note",
    )

    field_order = SubmissionForm.field_order + [
        "consent_voicemail",
        "consent_text",
        "consent_email",
        "client_type",
        "guardian_name",
        "guardian_relationship",
        "location",
        "consultation_time",
        "email_reminder",
        *prepare_fields,
    ]

    class Meta:
        model = ConsultationRequest
        fields = [
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "preferred_channel",
            "client_type",
            "guardian_name",
            "guardian_relationship",
            "location",
            "session_format",
            "payment",
            "insurance_carrier",
            "heard_about",
            "note",
        ]
        labels = {
            "preferred_name": _("Preferred name"),
            "email": _("Email address"),
            "client_type": _("Who is the therapy for?"),
            "guardian_name": _("Parent or guardian’s full name"),
            "guardian_relationship": _("Your relationship to the child"),
            "location": _("Where will you be during sessions?"),
            "session_format": _("Which format would you prefer?"),
            "payment": _("How do you expect to pay?"),
            "insurance_carrier": _("Insurance company"),
            "heard_about": _("How did you hear about us?"),
            "note": _("Anything else you would like us to know?"),
        }
        help_texts = {
            "preferred_name": _(
                "The name the person in therapy would like us to use. For a child, a first name is enough."
            ),
            "pronouns": _("For example: she/her, they/them."),
            "guardian_name": _("We reach out to the parent or guardian, using the contact details above."),
            "insurance_carrier": _(
                "Just the company’s name, for example Aetna. We will ask for details later."
            ),
            "location": _(
                "Our clinicians are licensed in New Jersey, so where you are physically during sessions "
                "matters."
            ),
            "note": format_lazy("{} {}", CLINICAL_WARNING, _("500 characters at most.")),
        }
        widgets = {
            "client_type": forms.RadioSelect,
            "guardian_relationship": forms.RadioSelect,
            "location": forms.RadioSelect,
            "session_format": forms.RadioSelect,
            "payment": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, more_days=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.more_days = more_days
        fields = self.fields
        fields["service"].queryset = ServicePage.objects.visible().order_by("path")
        fields["clinician"].queryset = ClinicianPage.objects.accepting_new_clients()
        fields["pronouns"].label = _("Pronouns")
        fields["pronouns"].widget.attrs["spellcheck"] = "false"
        fields["guardian_name"].widget.attrs["autocomplete"] = "name"
        fields["insurance_carrier"].widget.attrs["autocomplete"] = "off"
        for name in ("guardian_name", "guardian_relationship", "insurance_carrier"):
            # Required only with a particular answer (checked in clean()); not marked "optional".
            fields[name].conditional = True
        fields["heard_about"].choices = [("", _("Prefer not to say"))] + list(
            ConsultationRequest.HeardAbout.choices
        )
        # Optional on the page; left unanswered they mean "Either is fine" and "Not sure yet".
        fields["session_format"].required = fields["payment"].required = False
        required_messages = {
            "client_type": _("Please tell us who the therapy is for."),
            "location": _("Please tell us where you will be during sessions."),
        }
        for name, message in required_messages.items():
            fields[name].error_messages["required"] = message

    def clean(self):
        cleaned_data = super().clean()
        get = cleaned_data.get
        if get("client_type") == ConsultationRequest.ClientType.CHILD:
            if not get("guardian_name") and "guardian_name" not in self.errors:
                self.add_error("guardian_name", _("Please give the parent’s or guardian’s name."))
            if not get("guardian_relationship") and "guardian_relationship" not in self.errors:
                self.add_error("guardian_relationship", _("Please tell us your relationship to the child."))
        else:
            cleaned_data["guardian_name"] = ""
            cleaned_data["guardian_relationship"] = ""
        if get("payment") == ConsultationRequest.Payment.INSURANCE:
            if not get("insurance_carrier") and "insurance_carrier" not in self.errors:
                self.add_error("insurance_carrier", _("Please tell us your insurance company."))
        else:
            cleaned_data["insurance_carrier"] = ""
        if get("location") == ConsultationRequest.Location.OTHER_STATE:
            cleaned_data["consultation_time"] = None  # only clients in a licensed state book a time
        if "session_format" not in self.errors and not get("session_format"):
            cleaned_data["session_format"] = ConsultationRequest.Format.EITHER
        if "payment" not in self.errors and not get("payment"):
            cleaned_data["payment"] = ConsultationRequest.Payment.UNSURE
        channel = get("preferred_channel")
        if channel == Submission.Channel.TEXT and not get("consent_text"):
            self.add_error("consent_text", _("You chose text messages: please check that we may send texts."))
        if channel == Submission.Channel.EMAIL and not get("consent_email"):
            self.add_error("consent_email", _("You chose email: please check that we may email you."))
        if get("email_reminder") and get("consultation_time") and not (get("email") and get("consent_email")):
            message = _(
                "For a reminder, add your email address and check that we may email you (or uncheck this box)."
            )
            self.add_error("email_reminder", message)
        return cleaned_data

    @cached_property
    def time_picker(self):
        """The free times, worked out only when the form is shown (a post that books never is)."""
        return self.offer_times(more_days=self.more_days)

    def offer_times(self, *, more_days=False, around=None):
        """The times this visitor may pick (booking.forms.TimePicker): the chosen clinician's or
        anyone's, none for a client outside the licensed states; near `around` when given."""
        answers = self.data if self.is_bound else self.initial
        if answers.get("location") == ConsultationRequest.Location.OTHER_STATE:
            return TimePicker([])
        if around is None and not more_days:
            return TimePicker(offered_times(answers.get("clinician") or None, first_days=FIRST_DAYS))
        slots = offered_times(answers.get("clinician") or None)
        if around is not None:
            return TimePicker(nearest(slots, around), more_days=True)
        return TimePicker(slots, more_days=more_days)

    def time_taken(self):
        """The chosen time went to someone else: say so and offer the nearest free times."""
        chosen = self.cleaned_data["consultation_time"]
        self.add_error("consultation_time", _("That time was just taken. Here are the nearest free times."))
        self.time_picker = self.offer_times(around=chosen)

    def prepare_has_errors(self):
        """Whether a folded answer needs fixing: the page then shows the fold open."""
        return any(name in self.errors for name in self.prepare_fields)

    def fill_extras(self, instance, now):
        data = self.cleaned_data
        instance.voicemail_consent_at = now if data.get("consent_voicemail") else None
        instance.text_consent_at = now if data.get("consent_text") else None
        instance.email_consent_at = now if data.get("consent_email") else None
        chosen = set(data.get("best_times") or [])
        for value in ConsultationRequest.BestTime.values:
            setattr(instance, f"best_time_{value}", value in chosen)
        instance.service = data.get("service")
        instance.service_title = instance.service.title if instance.service else ""
        instance.clinician = data.get("clinician")
        instance.clinician_name = instance.clinician.display_name if instance.clinician else ""
