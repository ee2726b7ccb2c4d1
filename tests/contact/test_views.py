import re

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from contact.models import ConsultationRequest, ContactMessage, Submission
from practice.models import LocationPage, PracticeSettings
from tests.contact.factories import contact_post_data, intake_post_data
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

CRISIS_MARKERS = ("988", "1-855-654-6735")


@pytest.mark.parametrize("url", ["/contact/", "/contact/intake/"])
def test_form_pages_show_the_crisis_notice_before_the_form(client, intake_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    for marker in CRISIS_MARKERS:
        assert marker in main
        assert main.index(marker) < main.index("<form")
    assert 'name="started"' in main and 'name="extra_info"' in main
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_service_in_the_query_string_is_preselected(client, intake_site):
    response = client.get("/contact/intake/?service=couples-therapy")
    assert re.search(r'<option value="couples-therapy" selected>', response.content.decode())
    # Unknown or hostile values are ignored, not errors.
    assert client.get("/contact/intake/?service=%00%FF").status_code == 200
    assert client.get("/contact/intake/?service=nope").status_code == 200


def test_self_pay_notice_and_other_state_resources_are_in_the_page_without_javascript(client, intake_site):
    html = client.get("/contact/intake/").content.decode()
    assert 'id="good-faith-estimate-notice"' in html and "No Surprises Act" in html
    assert 'id="other-state-notice"' in html and "licensed in New Jersey" in html


def test_valid_contact_message_is_saved_and_thanks_the_visitor(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_post_data(email_receipt="on"))
    assert response.status_code == 302
    assert response["Location"].startswith("/contact/thanks/?sent=contact&reply=")
    assert ContactMessage.objects.count() == 1
    queued = DBTaskResult.objects.filter(task_path="contact.notifications.notification_deliver")
    assert sorted(row.args_kwargs["kwargs"]["message"] for row in queued) == ["staff", "visitor"]


def test_valid_consultation_request_is_saved(client, intake_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/intake/", intake_post_data(service="anxiety-therapy"))
    assert response.status_code == 302
    request = ConsultationRequest.objects.get()
    assert request.service_title == "Anxiety therapy" and request.status == Submission.Status.NEW


def test_thank_you_page_says_what_happens_next_and_when(client, site_tree):
    practice = PracticeSettings.load()
    practice.response_time_text = "by the end of the next business day"
    practice.save()
    html = client.get("/contact/thanks/?sent=consultation").content.decode()
    assert "What happens next" in html
    assert "by the end of the next business day" in html
    assert "988" in html


def test_invalid_post_shows_a_linked_error_summary_and_keeps_answers(client, intake_site):
    response = client.post("/contact/intake/", intake_post_data(location="", preferred_name=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'tabindex="-1"' in html
    assert 'href="#id_preferred_name"' in html and 'href="#id_location_0"' in html
    assert 'aria-invalid="true"' in html
    assert "mei.private@example.com" in html  # what they typed is still there
    assert "<title>Error:" in html
    assert Submission.objects.count() == 0


def test_honeypot_spam_is_discarded_quietly(client, site_tree):
    response = client.post("/contact/", contact_post_data(extra_info="buy now"))
    assert response.status_code == 302 and response["Location"].startswith("/contact/thanks/")
    assert Submission.objects.count() == 0


def test_too_fast_post_is_not_saved_but_shown_again(client, site_tree):
    from contact.spam import issue_started_token

    response = client.post("/contact/", contact_post_data(started=issue_started_token()))
    assert response.status_code == 400
    assert "press the button again" in response.content.decode()
    assert Submission.objects.count() == 0


def test_rate_limit_pauses_a_flood_from_one_address(client, site_tree, settings):
    settings.CONTACT_RATE_LIMIT = 3
    statuses = [client.post("/contact/", contact_post_data()).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Submission.objects.count() == 3
    # Another address is not affected.
    assert client.post("/contact/", contact_post_data(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(client, site_tree, settings):
    settings.CONTACT_RATE_LIMIT = 1
    assert client.post("/contact/", contact_post_data(), HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    assert client.post("/contact/", contact_post_data(), HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.post("/contact/", contact_post_data(), HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 302


def test_post_without_csrf_token_is_refused(site_tree):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/contact/", contact_post_data())
    assert response.status_code == 403
    assert Submission.objects.count() == 0


def test_post_with_csrf_token_from_the_page_is_accepted(site_tree):
    strict = Client(enforce_csrf_checks=True)
    html = strict.get("/contact/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = strict.post("/contact/", contact_post_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302


def test_other_methods_are_refused(client, site_tree):
    assert client.put("/contact/").status_code == 405
    assert client.post("/contact/thanks/").status_code == 405


def test_clinician_in_the_query_string_is_preselected(client, intake_site):
    response = client.get("/contact/intake/?clinician=asha-rao&service=couples-therapy")
    html = response.content.decode()
    assert re.search(r'<option value="asha-rao" selected>', html)
    assert re.search(r'<option value="couples-therapy" selected>', html)
    # Unknown, full or hostile values are ignored, never errors.
    for value in ("nope", "full-caseload", "%00%FF", "x" * 5000):
        response = client.get(f"/contact/intake/?clinician={value}")
        assert response.status_code == 200
        assert "field--error" not in response.content.decode()


def test_without_script_the_page_says_which_consent_each_way_of_reaching_needs(client, intake_site):
    html = client.get("/contact/intake/").content.decode()
    channel = html.index('name="preferred_channel"')
    text_consent, email_consent = html.index('name="consent_text"'), html.index('name="consent_email"')
    best_times = html.index('name="best_times"')
    # The consents come right after the choice of channel, before anything else.
    assert channel < text_consent < email_consent < best_times
    assert "Needed if you choose “Text message”" in html
    assert "Needed if you choose “Email”" in html
    assert 'data-required-when="preferred_channel=email"' in html


def test_the_error_summary_is_calm(client, intake_site):
    html = client.post("/contact/intake/", intake_post_data(location="")).content.decode()
    assert "Please check" in html and "Nothing is lost" in html
    assert "There is a problem" not in html


FOLDED = (
    "pronouns",
    "best_times",
    "service",
    "clinician",
    "session_format",
    "payment",
    "heard_about",
    "note",
)
FIRST_CALL = (
    "preferred_name",
    "email",
    "phone",
    "preferred_channel",
    "consent_voicemail",
    "consent_text",
    "consent_email",
    "client_type",
    "location",
    "acknowledge_not_emergency",
    "acknowledge_privacy",
)


def help_us_prepare(html):
    """The markup of the consultation request's "Help us prepare" fold."""
    start = html.index('<details class="form-more"')
    return html[start : html.index("</details>", start)]


def first_call_answers(channel):
    """Only the answers the open part of the consultation request asks for, for one channel."""
    data = intake_post_data(preferred_channel=channel)
    for name in FOLDED:
        data.pop(name)
    data.update({"email": "", "phone": "", "consent_voicemail": ""})
    if channel == "email":
        data.update(email="mei.private@example.com", consent_email="on")
    else:
        data.update(phone="201-555-0123", consent_voicemail="on" if channel == "phone" else "")
        if channel == "text":
            data["consent_text"] = "on"
    return data


@pytest.mark.parametrize("channel", ["email", "phone", "text"])
def test_a_consultation_request_with_only_what_a_first_call_needs_goes_through(client, intake_site, channel):
    response = client.post("/contact/intake/", first_call_answers(channel))
    assert response.status_code == 302, response.content.decode()
    request = ConsultationRequest.objects.get()
    assert request.preferred_channel == channel
    # Left unanswered, format and payment keep their "no preference" answers.
    assert request.session_format == "either" and request.payment == "unsure"


def test_the_consultation_request_folds_what_a_first_call_does_not_need(client, intake_site):
    html = client.get("/contact/intake/").content.decode()
    fold = help_us_prepare(html)
    assert "Help us prepare" in fold and "(optional)" in fold
    assert '<details class="form-more" open' not in html
    for name in FOLDED + ("insurance_carrier",):
        assert f'name="{name}"' in fold, name
    for name in FIRST_CALL:
        assert f'name="{name}"' in html and f'name="{name}"' not in fold, name
    assert 'id="good-faith-estimate-notice"' in fold  # self-pay still shows the estimate notice


def test_an_error_in_a_folded_question_opens_the_fold(client, intake_site):
    response = client.post("/contact/intake/", intake_post_data(payment="insurance", insurance_carrier=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="form-more" open' in html
    assert 'id="id_insurance_carrier_error"' in help_us_prepare(html)
    response = client.post("/contact/intake/", intake_post_data(location=""))
    assert '<details class="form-more" open' not in response.content.decode()


@pytest.mark.parametrize("url", ["/contact/", "/contact/intake/"])
def test_the_forms_ask_how_to_reach_before_the_details_it_needs(client, intake_site, url):
    html = client.get(url).content.decode()
    channel, email, phone = (html.index(f'name="{name}"') for name in ("preferred_channel", "email", "phone"))
    assert channel < email < phone
    assert 'data-reveal-when="preferred_channel=email"' in html
    assert 'data-reveal-when="preferred_channel=phone|text"' in html


@pytest.mark.parametrize("url", ["/contact/", "/contact/intake/"])
def test_the_forms_offer_a_call_and_say_what_happens_next_before_the_form(client, intake_site, url):
    practice = PracticeSettings.load()
    practice.phone, practice.hours = "(201) 555-0142", "Monday to Thursday, 9 am to 8 pm"
    practice.save()
    html = client.get(url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    talk = main.index("Prefer to talk?")
    assert talk < main.index("<form")
    call = main.index('href="tel:2015550142"', talk)
    assert call < main.index("Monday to Thursday, 9 am to 8 pm", talk) < main.index("<form")
    assert "What happens next" in main


def sent(client, url, data):
    """Posts a form and follows the redirect to the thank-you page; that page's HTML."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    location = response["Location"]
    for private in (data.get("email"), data.get("phone"), data.get("preferred_name")):
        if private:
            assert private not in location and private.split("@")[0] not in location
    return client.get(location).content.decode()


@pytest.mark.parametrize(
    ("channel", "says", "kind"),
    [
        ("email", "We email you within two business days", "consultation"),
        ("phone", "We call you within two business days", "consultation"),
        ("text", "We text you within two business days", "consultation"),
        ("email", "We email you within two business days", "contact"),
        ("phone", "We call you within two business days", "contact"),
        ("text", "We text you within two business days", "contact"),
    ],
)
def test_the_thank_you_page_follows_the_chosen_way_to_reach(client, intake_site, channel, says, kind):
    practice = PracticeSettings.load()
    practice.phone, practice.response_time_text = "(201) 555-0142", "within two business days"
    practice.save()
    if kind == "consultation":
        html = sent(client, "/contact/intake/", first_call_answers(channel))
    else:
        phone = "" if channel == "email" else "201-555-0123"
        html = sent(client, "/contact/", contact_post_data(preferred_channel=channel, phone=phone))
    assert says in html
    assert ("spam folder" in html) == (channel == "email")
    assert 'href="tel:2015550142"' in html


def test_the_thank_you_page_without_a_submission_stays_neutral(client, site_tree):
    html = client.get("/contact/thanks/?sent=consultation&reply=forged").content.decode()
    assert "We reach out" in html and "spam folder" not in html


def test_the_thank_you_page_offers_reading_and_no_booking_button(client, intake_site):
    fees = StandardPageFactory(parent=intake_site.home, title="Fees & insurance", slug="fees-and-insurance")
    location = LocationPage(title="Visiting our office", slug="location")
    intake_site.home.add_child(instance=location)
    html = client.get("/contact/thanks/?sent=consultation").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "While you wait" in main
    for url in ("/services/", fees.url, location.url):
        assert f'href="{url}"' in main, url
    header = html[html.index("<header") : html.index("</header>")]
    assert "Free consultation" not in header and "header-cta" not in header


def test_the_thank_you_page_leads_with_the_first_session_article_when_the_blog_has_it(client, intake_site):
    article = StandardPageFactory(
        parent=intake_site.home,
        title="What to Expect in Your First Therapy Session",
        slug="what-to-expect-in-your-first-therapy-session",
    )
    html = client.get("/contact/thanks/?sent=consultation").content.decode()
    main = html[html.index("While you wait") :]
    assert main.index(f'href="{article.url}"') < main.index("</ul>")
    assert "What to Expect in Your First Therapy Session" in main
    assert "service by service" not in main


def test_reading_shown_in_english_on_the_korean_thank_you_page_is_marked_english(client, intake_site):
    StandardPageFactory(
        parent=intake_site.home,
        title="What to Expect in Your First Therapy Session",
        slug="what-to-expect-in-your-first-therapy-session",
    )
    html = client.get("/ko/contact/thanks/?sent=consultation").content.decode()
    assert 'lang="en">What to Expect in Your First Therapy Session</a>' in html
