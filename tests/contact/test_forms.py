import time

import pytest

from contact.forms import ConsultationRequestForm, ContactForm
from contact.spam import TOO_OLD_MESSAGE, check_started_token, issue_started_token
from tests.contact.factories import contact_post_data, intake_post_data, started_token

pytestmark = pytest.mark.django_db


def test_valid_contact_form_saves_a_typed_row_with_acknowledgement_times():
    form = ContactForm(data=contact_post_data())
    assert form.is_valid(), form.errors
    message = form.save()
    assert message.pk and message.kind == "contact"
    assert message.privacy_acknowledged_at and message.not_emergency_acknowledged_at


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "", "phone": ""}, "email"),
        ({"email": "", "phone": "201-555-0123", "preferred_channel": "email"}, "email"),
        ({"phone": "", "preferred_channel": "phone"}, "phone"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "call me maybe", "preferred_channel": "phone"}, "phone"),
        ({"acknowledge_privacy": ""}, "acknowledge_privacy"),
        ({"acknowledge_not_emergency": ""}, "acknowledge_not_emergency"),
        ({"message": "x" * 1001}, "message"),
        ({"preferred_name": ""}, "preferred_name"),
    ],
)
def test_contact_form_gives_a_field_level_message(overrides, field):
    form = ContactForm(data=contact_post_data(**overrides))
    assert not form.is_valid()
    assert field in form.errors


def test_intake_offers_live_services_and_clinicians_with_space(intake_site):
    form = ConsultationRequestForm()
    services = [label for value, label in form.fields["service"].choices]
    clinicians = [label for value, label in form.fields["clinician"].choices]
    assert services == ["Not sure yet", "Anxiety therapy", "Couples therapy"]
    assert clinicians == ["Help me choose", "Asha Rao, LCSW"]


def test_intake_saves_answers_consents_and_the_chosen_service(intake_site):
    form = ConsultationRequestForm(
        data=intake_post_data(service="anxiety-therapy", clinician="asha-rao", consent_text="on")
    )
    assert form.is_valid(), form.errors
    request = form.save()
    assert request.service == intake_site.anxiety.page_ptr.specific
    assert request.service_title == "Anxiety therapy"
    assert request.clinician_name == "Asha Rao, LCSW"
    assert request.voicemail_consent_at and request.text_consent_at and request.email_consent_at is None
    assert request.best_times == ["Weekday evenings", "Weekends"]


@pytest.mark.parametrize(
    "value",
    ["draft-service", "no-such-service", "anxiety\x00therapy", "x" * 5000],
    ids=["draft", "unknown", "null-byte", "huge"],
)
def test_intake_refuses_services_that_are_not_offered(intake_site, value):
    form = ConsultationRequestForm(data=intake_post_data(service=value))
    assert not form.is_valid()
    assert "service" in form.errors


def test_full_clinician_cannot_be_chosen(intake_site):
    form = ConsultationRequestForm(data=intake_post_data(clinician="full-caseload"))
    assert not form.is_valid() and "clinician" in form.errors


def test_guardian_details_are_required_only_for_a_child(intake_site):
    form = ConsultationRequestForm(data=intake_post_data(client_type="child"))
    assert not form.is_valid()
    assert {"guardian_name", "guardian_relationship"} <= set(form.errors)
    form = ConsultationRequestForm(
        data=intake_post_data(
            client_type="self", guardian_name="Should Be Dropped", guardian_relationship="parent"
        )
    )
    assert form.is_valid(), form.errors
    assert form.save().guardian_name == ""


def test_insurance_needs_a_carrier_and_channels_need_their_consent(intake_site):
    form = ConsultationRequestForm(data=intake_post_data(payment="insurance", insurance_carrier=""))
    assert "insurance_carrier" in form.errors
    form = ConsultationRequestForm(data=intake_post_data(preferred_channel="text"))
    assert "consent_text" in form.errors
    form = ConsultationRequestForm(data=intake_post_data(preferred_channel="email"))
    assert "consent_email" in form.errors


def test_another_state_can_still_be_submitted(intake_site):
    form = ConsultationRequestForm(data=intake_post_data(location="other_state"))
    assert form.is_valid(), form.errors


def test_error_summary_links_to_the_first_control_of_each_field(intake_site):
    form = ConsultationRequestForm(data=intake_post_data(preferred_name="", location=""))
    assert not form.is_valid()
    anchors = [anchor for anchor, _ in form.error_summary()]
    assert anchors == ["id_preferred_name", "id_location_0"]


def test_a_form_sent_too_quickly_is_refused_with_a_way_forward():
    form = ContactForm(data=contact_post_data(started=issue_started_token()))
    assert not form.is_valid()
    assert form.non_field_errors()
    # The page shown again keeps the start time, which becomes good once enough time passes.
    assert form.fresh_started == form.data["started"]
    assert check_started_token(form.fresh_started, now=time.time() + 5) is None


def test_a_stale_or_forged_start_time_is_replaced_when_the_form_is_shown_again():
    stale = ContactForm(data=contact_post_data(started=started_token(seconds_ago=3 * 60 * 60)))
    forged = ContactForm(data=contact_post_data(started="1.0:forged"))
    for form in (stale, forged):
        assert form.fresh_started != form.data["started"]
        assert check_started_token(form.fresh_started, now=time.time() + 5) is None


def test_a_form_left_open_too_long_asks_to_send_again():
    form = ContactForm(data=contact_post_data(started=started_token(seconds_ago=3 * 60 * 60)))
    assert not form.is_valid()
    assert form.non_field_errors() == [TOO_OLD_MESSAGE]


@pytest.mark.parametrize("token", ["", "garbage", "1700000000.000:forged-signature", None])
def test_a_missing_or_forged_timestamp_is_refused(token):
    data = contact_post_data()
    if token is None:
        del data["started"]
    else:
        data["started"] = token
    form = ContactForm(data=data)
    assert not form.is_valid() and form.non_field_errors()


def test_minimum_time_is_configurable(settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    assert ContactForm(data=contact_post_data(started=issue_started_token())).is_valid()


def test_a_form_sent_back_at_once_is_never_younger_than_zero(settings):
    """The stamp keeps milliseconds: rounding 0.0006 s up made a form sent at once look as if it
    came from the future, and so 'too fast' even with no minimum time."""
    settings.CONTACT_MIN_FILL_SECONDS = 0
    now = 1_800_000_000.0006
    assert check_started_token(issue_started_token(now=now), now=now) is None


def test_honeypot_is_detected():
    assert ContactForm(data=contact_post_data(extra_info="http://spam.example")).is_honeypot_filled()
    assert not ContactForm(data=contact_post_data()).is_honeypot_filled()


@pytest.mark.parametrize(
    ("form_class", "field", "value", "stored"),
    [
        (ContactForm, "preferred_name", "A\x01na\x1b", "Ana"),
        (ContactForm, "preferred_name", "Ana\tLee\nRao", "Ana Lee Rao"),
        (ContactForm, "message", "Line one\r\n\tLine two\x07\x7f", "Line one\r\n\tLine two"),
        (ConsultationRequestForm, "pronouns", "she/\x00her", "she/her"),
        (ConsultationRequestForm, "note", "Call\x0b after six\x1f", "Call after six"),
    ],
)
def test_control_characters_are_stripped_and_multi_line_fields_keep_tabs_and_newlines(
    intake_site, form_class, field, value, stored
):
    data = (contact_post_data if form_class is ContactForm else intake_post_data)(**{field: value})
    form = form_class(data=data)
    assert form.is_valid(), form.errors
    assert getattr(form.save(), field) == stored


def test_an_answer_made_only_of_control_characters_is_refused_with_a_message():
    form = ContactForm(data=contact_post_data(preferred_name="\x01\x02"))
    assert not form.is_valid()
    assert form.errors["preferred_name"] == ["Please tell us what to call you."]


@pytest.mark.parametrize("phone", ["-------", "(((  )))", "+1 (2) 3", "12-34-56"])
def test_a_phone_needs_at_least_seven_digits(phone):
    form = ContactForm(data=contact_post_data(phone=phone, preferred_channel="phone"))
    assert not form.is_valid()
    assert form.errors["phone"] == ["Enter a phone number with its area code, for example 201-555-0123."]


@pytest.mark.parametrize("phone", ["(((((1234567", "1 2 3 4 5 6 7", "1" * 25, "555-0123", "000-000-0000"])
def test_a_phone_must_be_a_number_someone_could_dial(phone):
    """Enough digits is not enough: the digits must make a number in the US or, with +, abroad."""
    form = ContactForm(data=contact_post_data(phone=phone, preferred_channel="phone"))
    assert not form.is_valid()
    assert form.errors["phone"] == ["Enter a phone number with its area code, for example 201-555-0123."]


@pytest.mark.parametrize(
    "phone", ["201-555-0123", "(201) 555-0123", "201.555.0123", "+1 201 555 0123 x12", "+82 10-1234-5678"]
)
def test_us_and_international_numbers_in_their_usual_shapes_pass(phone):
    form = ContactForm(data=contact_post_data(phone=phone, preferred_channel="phone"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "email",
    ["someone@g\u043cail.com", "someone@p\u0430ypal.com", "someone@\u0440\u0430\u0443\u0440\u0430l.com"],
)
def test_an_email_domain_mixing_latin_with_look_alike_letters_is_refused(email):
    form = ContactForm(data=contact_post_data(email=email))
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address like name@example.com."]


def test_an_international_email_domain_is_kept_as_its_ascii_name_staff_can_read():
    form = ContactForm(data=contact_post_data(email="someone@\ud55c\uad6d.kr"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "someone@xn--3e0b707e.kr"


@pytest.mark.parametrize(
    "email",
    ["someone@localhost", "someone@[127.0.0.1]", "someone@[IPv6:::1]", "someone@intranet", "a@10.0.0.1"],
)
def test_an_email_needs_a_real_domain(email):
    form = ContactForm(data=contact_post_data(email=email))
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address like name@example.com."]


def test_ordinary_phones_and_emails_still_pass():
    form = ContactForm(data=contact_post_data(phone="+1 (201) 555-0123 ext. 4", email="a.b@mail.example.org"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "overrides",
    [
        {"preferred_channel": "email", "email": "", "phone": "", "consent_email": ""},
        {"preferred_channel": "text", "email": "", "phone": "", "consent_voicemail": ""},
        {"preferred_channel": "phone", "phone": "", "payment": "insurance", "client_type": "child"},
    ],
)
def test_fixing_every_reported_answer_never_reveals_a_new_error(intake_site, overrides):
    """One pass: the first set of errors names everything; fixing those answers alone is enough."""
    fixes = {
        "email": "mei.fixed@example.com",
        "phone": "201-555-0177",
        "preferred_channel": overrides.get("preferred_channel") or "phone",
        "consent_email": "on",
        "consent_text": "on",
        "insurance_carrier": "Aetna",
        "guardian_name": "A Parent",
        "guardian_relationship": "parent",
    }
    form = ConsultationRequestForm(data=intake_post_data(**overrides))
    assert not form.is_valid()
    reported = set(form.errors)
    fixed = ConsultationRequestForm(
        data=intake_post_data(**{**overrides, **{name: fixes[name] for name in reported}})
    )
    assert fixed.is_valid(), f"new errors after fixing {sorted(reported)}: {fixed.errors}"
