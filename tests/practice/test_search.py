"""Site search: clinicians by language, specialty and approach; FAQs; labelled results; snippets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import Language, Specialty
from practice.templatetags.search_snippets import word_snippet
from tests.factories import ClinicianPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_a_clinician_by_a_language_she_speaks(
    client, site_tree, django_capture_on_commit_callbacks
):
    grace = ClinicianPageFactory(parent=site_tree.team, title="Grace Kim")
    grace.languages.add(Language.objects.create(name="Korean"))
    grace.specialties.add(Specialty.objects.create(name="Burnout"))
    with django_capture_on_commit_callbacks(execute=True):  # search indexes once the edit is saved
        grace.save_revision().publish()
    ClinicianPageFactory(parent=site_tree.team, title="Nia Okafor")
    for query in ("Korean", "burnout"):
        response = client.get(f"/search/?q={query}")
        results = [page.title for page in response.context["page_obj"].object_list]
        assert results == ["Grace Kim"], query
    assert "Clinician" in response.text


def test_search_finds_a_service_by_its_faq_and_labels_it(client, site_tree):
    ServicePageFactory(
        parent=site_tree.services,
        title="Anxiety therapy",
        faqs=[
            ("faq", {"question": "Is it only for panic attacks?", "answer": "<p>No, perfectionism too.</p>"})
        ],
    )
    response = client.get("/search/?q=perfectionism")
    assert [page.title for page in response.context["page_obj"].object_list] == ["Anxiety therapy"]
    assert '<span class="result-type">Service</span>' in response.text


def test_snippets_are_cut_at_a_word_boundary():
    text = "Anxiety responds well to therapy and many people feel better"
    assert word_snippet(text, 30) == "Anxiety responds well to…"
    assert word_snippet("Short text", 30) == "Short text"
    assert word_snippet("<p>Some <b>bold</b> words</p>", 30) == "Some bold words"


def test_every_page_has_a_search_landmark_in_the_header(client, site_tree):
    html = client.get("/").text
    header = html.split('<header class="site-header"', 1)[1].split("</header>", 1)[0]
    assert "<search" in header or 'role="search"' in header
    assert 'action="/search/"' in header
    assert '<label for="header-search-q"' in header


def test_results_show_each_pages_summary_without_reading_the_rest_of_it(client, site_tree):
    """A result shows its type, title and summary: a service's questions and a clinician's
    other columns stay in the database, and the summaries come one query per page type."""
    ServicePageFactory(
        parent=site_tree.services,
        title="Couples counselling",
        summary="Rebuilding trust together, at your own pace.",
        faqs=[("faq", {"question": "Do we both come?", "answer": "<p>Usually, yes.</p>"})],
    )
    ClinicianPageFactory(parent=site_tree.team, title="Ana Trust", bio="<p>I help people rebuild trust.</p>")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/?q=trust")
    assert "Rebuilding trust together, at your own pace." in response.text
    assert "I help people rebuild trust." in response.text
    read = " ".join(query["sql"] for query in captured)
    assert '"practice_servicepage"."faqs"' not in read
    assert '"practice_clinicianpage"."photo_id"' not in read
