import re

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from contact.models import ConsultationRequest, ContactMessage, Submission
from practice.models import PracticeSettings
from tests.contact.factories import contact_post_data, intake_post_data

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
    assert response["Location"] == "/contact/thanks/?sent=contact"
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
