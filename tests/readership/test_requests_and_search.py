"""What led to a request (the one page of this site the visitor came to the form from) and
search that finds nothing (counted; its words kept only once common)."""

import pytest

from readership.models import Count
from readership.services import counts_flush, normalised_words
from tests.contact.factories import contact_post_data, intake_post_data
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def counted(metric, **filters):
    counts_flush()
    return sum(Count.objects.filter(metric=metric, **filters).values_list("count", flat=True))


def test_the_form_carries_the_page_the_visitor_came_from_and_nothing_else(client, site_tree):
    html = client.get("/contact/", HTTP_REFERER="http://testserver/services/?q=private").content.decode()
    assert '<input type="hidden" name="came_from" value="/services/">' in html
    other = client.get("/contact/", HTTP_REFERER="https://elsewhere.example/services/").content.decode()
    assert 'name="came_from"' not in other


def test_a_contact_message_sent_from_a_page_counts_as_led_to_a_request(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_post_data(came_from="/services/"))
    assert response.status_code == 302
    assert counted("request", page_id=site_tree.services.pk, language="en") == 1
    assert counted("view") == 0  # a request is not a view, and joins no view


def test_a_consultation_request_in_korean_counts_for_its_page_and_language(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ko/contact/intake/", intake_post_data(came_from="/ko/team/"))
    assert response.status_code == 302
    assert counted("request", page_id=site_tree.team.pk, language="ko") == 1


@pytest.mark.parametrize("came_from", ["", "https://elsewhere.example/", "/no-such-page/", "/admin/"])
def test_a_request_from_no_page_of_this_site_counts_nothing(
    client, site_tree, django_capture_on_commit_callbacks, came_from
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/contact/", contact_post_data(came_from=came_from)).status_code == 302
    assert counted("request") == 0


def search(client, words, **headers):
    return client.get("/search/", {"q": words}, HTTP_USER_AGENT=BROWSER, **headers)


def test_searches_and_searches_with_no_results_are_counted_per_day(client, site_tree):
    assert search(client, "Services").status_code == 200
    assert search(client, "zzyzx").status_code == 200
    assert search(client, "zzyzx", HTTP_SEC_GPC="1").status_code == 200  # not counted
    assert (counted("search"), counted("search_empty")) == (2, 1)


def test_the_words_of_a_search_with_no_results_are_kept_only_from_the_fifth_time_in_a_week(client, site_tree):
    for words in [
        "Grief after  divorce?",
        "grief after divorce",
        "GRIEF AFTER DIVORCE",
        "grief, after divorce",
    ]:
        search(client, words)
    search(client, "my neighbour's name")
    assert counted("empty_words") == 0  # four times: nobody's words are shown yet
    search(client, "grief after divorce!")
    search(client, "grief after divorce")
    counts_flush()
    assert list(Count.objects.filter(metric="empty_words").values_list("source", "count")) == [
        ("grief after divorce", 6)
    ]


def test_words_are_normalised_to_lower_case_words():
    assert normalised_words("  Anxiety,   HELP?! ") == "anxiety help"
    assert normalised_words("불안  치료") == "불안 치료"
