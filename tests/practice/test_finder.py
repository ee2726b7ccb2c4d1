"""The clinician finder on /team/: structured clinician data, GET filters, reasons, empty state."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import Approach, ClinicianPage, InsuranceCarrier, Language, Specialty
from tests.factories import ClinicianPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    return {
        "korean": Language.objects.create(name="Korean"),
        "hindi": Language.objects.create(name="Hindi"),
        "anxiety": Specialty.objects.create(name="Anxiety"),
        "couples": Specialty.objects.create(name="Couples therapy"),
        "act": Approach.objects.create(name="Acceptance and Commitment Therapy (ACT)"),
        "aetna": InsuranceCarrier.objects.create(name="Aetna"),
    }


def clinician(team, terms, title, *, languages=(), specialties=(), approaches=(), carriers=(), **fields):
    page = ClinicianPageFactory(parent=team, title=title, **fields)
    page.languages.set([terms[name] for name in languages])
    page.specialties.set([terms[name] for name in specialties])
    page.approaches.set([terms[name] for name in approaches])
    page.insurance_carriers.set([terms[name] for name in carriers])
    page.save_revision().publish()
    return page


@pytest.fixture
def team(site_tree, terms):
    team = site_tree.team
    clinician(
        team,
        terms,
        "Grace Kim",
        languages=["korean"],
        specialties=["anxiety"],
        approaches=["act"],
        carriers=["aetna"],
        sees_couples=False,
        offers_in_person=False,
    )
    clinician(
        team,
        terms,
        "Nia Okafor",
        languages=["hindi"],
        specialties=["couples"],
        sees_couples=True,
        offers_sliding_scale=True,
        accepting_new_clients=False,
    )
    return team


def names(response):
    return [page.title for page in response.context["clinicians"]]


def test_terms_get_a_slug_from_their_name(terms):
    assert terms["couples"].slug == "couples-therapy"
    assert terms["act"].slug == "acceptance-and-commitment-therapy-act"


def test_without_filters_the_team_page_lists_everyone(client, team):
    response = client.get("/team/")
    assert names(response) == ["Grace Kim", "Nia Okafor"]
    assert "2 clinicians" in response.text


@pytest.mark.parametrize(
    ("query", "expected", "reason"),
    [
        ("language=korean", ["Grace Kim"], "Speaks Korean"),
        ("specialty=couples-therapy", ["Nia Okafor"], "Helps with couples therapy"),
        ("approach=acceptance-and-commitment-therapy-act", ["Grace Kim"], "Uses Acceptance and Commitment"),
        ("who=couple", ["Nia Okafor"], "Works with couples"),
        ("format=telehealth", ["Grace Kim", "Nia Okafor"], "Offers telehealth"),
        ("format=in-person", ["Nia Okafor"], "Sees clients in person"),
        ("payment=aetna", ["Grace Kim"], "In network with Aetna"),
        ("payment=sliding-scale", ["Nia Okafor"], "Offers a sliding scale"),
        ("payment=self-pay", ["Grace Kim", "Nia Okafor"], "Welcomes self-pay"),
        ("accepting=1", ["Grace Kim"], "Accepting new clients"),
    ],
)
def test_each_dimension_filters_and_says_why(client, team, query, expected, reason):
    response = client.get(f"/team/?{query}")
    assert names(response) == expected
    assert reason in response.text


def test_dimensions_combine_with_and(client, team):
    response = client.get("/team/?language=korean&format=telehealth")
    assert names(response) == ["Grace Kim"]
    assert "Speaks Korean · Offers telehealth" in response.text
    assert (
        '<meta name="robots" content="noindex">' in response.text
    )  # filtered lists stay out of search engines
    assert '<meta name="robots" content="noindex">' not in client.get("/team/").text
    assert names(client.get("/team/?language=korean&who=couple")) == []


def test_the_form_keeps_the_chosen_values(client, team):
    response = client.get("/team/?language=korean&accepting=1")
    html = response.text
    assert '<form method="get"' in html
    assert '<option value="korean" selected>' in html
    assert 'name="accepting" value="1"' in html and "checked" in html


def test_no_match_offers_to_relax_each_filter_and_a_consultation(client, team):
    response = client.get("/team/?language=korean&who=couple")
    html = response.text
    assert names(response) == []
    assert "No clinician matches all of these" in html
    assert 'href="/team/?who=couple#results"' in html  # drops the language
    assert 'href="/team/?language=korean#results"' in html  # drops who it is for
    assert "our intake coordinator will match you" in html
    assert 'href="/contact/intake/"' in html
    assert 'role="status"' in html


def test_unknown_values_are_ignored_not_errors(client, team):
    response = client.get("/team/?language=klingon&who=robot&payment=")
    assert response.status_code == 200
    assert names(response) == ["Grace Kim", "Nia Okafor"]


def test_drafts_and_private_clinicians_never_show(client, team):
    ClinicianPage.objects.get(title="Grace Kim").unpublish()
    assert names(client.get("/team/?language=korean")) == []


def test_finder_queries_do_not_grow_with_clinicians(client, team, terms):
    url = "/team/?format=telehealth"

    def count():
        client.get(url)  # publishing empties caches (navigation, settings): measure warm requests
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for i in range(8):
        clinician(team, terms, f"Extra {i}", languages=["korean", "hindi"], specialties=["anxiety"])
    assert count() == before


def test_a_clinician_page_shows_her_structured_data_and_links_to_the_request(client, team):
    page = ClinicianPage.objects.get(title="Grace Kim")
    html = client.get(page.url).text
    assert "Korean" in html and "Anxiety" in html and "Aetna" in html
    assert f'href="/contact/intake/?clinician={page.slug}"' in html


def test_a_full_clinician_suggests_similar_clinicians_who_are_accepting(client, team, terms):
    nia = ClinicianPage.objects.get(title="Nia Okafor")
    similar = clinician(team, terms, "Priya Shah", languages=["hindi"], accepting_new_clients=True)
    clinician(team, terms, "Full Too", languages=["hindi"], accepting_new_clients=False)
    html = client.get(nia.url).text
    assert "Clinicians who are accepting new clients" in html
    assert similar.title in html
    assert "Full Too" not in html
    assert "Grace Kim" not in html  # nothing in common


def test_service_pages_list_their_clinicians_and_link_to_the_finder(client, site_tree, team):
    service = ServicePageFactory(parent=site_tree.services, title="Anxiety therapy", slug="anxiety-therapy")
    grace = ClinicianPage.objects.get(title="Grace Kim")
    grace.services.add(service)
    grace.save_revision().publish()
    html = client.get(service.url).text
    assert "Grace Kim" in html
    assert 'href="/team/?service=anxiety-therapy"' in html
    response = client.get("/team/?service=anxiety-therapy")
    assert names(response) == ["Grace Kim"]
    assert "Offers Anxiety therapy" in response.text


def test_editors_tick_terms_on_the_clinician_form_and_manage_them_as_snippets(admin_client, team):
    grace = ClinicianPage.objects.get(title="Grace Kim")
    html = admin_client.get(f"/admin/pages/{grace.pk}/edit/").content.decode()
    assert 'type="checkbox" name="languages"' in html
    assert 'type="checkbox" name="insurance_carriers"' in html
    for model in ("language", "specialty", "approach", "insurancecarrier"):
        assert admin_client.get(f"/admin/snippets/practice/{model}/").status_code == 200
        assert admin_client.get(f"/admin/snippets/practice/{model}/add/").status_code == 200


def test_a_visitors_choices_are_never_kept_in_a_cache(client, team, settings):
    """The page cache stores the team page, never what a visitor chose on it."""
    settings.PAGE_CACHE_SECONDS = 600
    for _ in range(2):
        response = client.get("/team/?language=korean")
    assert response.headers.get("X-Cache") != "HIT"
    assert "private" in response["Cache-Control"]
    client.get("/team/")
    assert client.get("/team/").headers.get("X-Cache") == "HIT"


class Chips(HTMLParser):
    """The finder's "remove this choice" links: (aria-label, href) in page order, and the text of
    the summary that folds the finder."""

    def __init__(self):
        super().__init__()
        self.chips, self.summary, self._in_summary = [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "finder__chip" in (attrs.get("class") or "").split():
            self.chips.append((attrs["aria-label"], attrs["href"]))
        self._in_summary = self._in_summary or "finder__summary" in (attrs.get("class") or "")

    def handle_data(self, data):
        if self._in_summary:
            self.summary = " ".join(f"{self.summary} {data}".split())

    def handle_endtag(self, tag):
        if tag == "summary":
            self._in_summary = False


def chips_of(response):
    parser = Chips()
    parser.feed(response.text)
    return parser


def test_each_chip_removes_exactly_its_own_choice(client, team):
    response = client.get("/team/?language=korean&format=telehealth&payment=aetna&accepting=1")
    assert chips_of(response).chips == [
        ("Remove: Korean", "/team/?format=telehealth&payment=aetna&accepting=1#results"),
        ("Remove: Telehealth", "/team/?language=korean&payment=aetna&accepting=1#results"),
        ("Remove: Aetna", "/team/?language=korean&format=telehealth&accepting=1#results"),
        (
            "Remove: Accepting new clients",
            "/team/?language=korean&format=telehealth&payment=aetna#results",
        ),
    ]


def test_the_last_chip_leads_back_to_the_whole_team_and_unknown_values_make_no_chip(client, team):
    response = client.get("/team/?language=korean&who=robot&specialty=")
    assert chips_of(response).chips == [("Remove: Korean", "/team/#results")]
    assert chips_of(client.get("/team/")).chips == []


def test_the_folded_finder_says_how_many_choices_are_active(client, team):
    assert chips_of(client.get("/team/")).summary == "Filter by language, insurance…"
    one = chips_of(client.get("/team/?who=couple")).summary
    assert one == "Filter by language, insurance… (1 chosen)"
    two = chips_of(client.get("/team/?language=korean&who=couple&payment=nobody")).summary
    assert two == "Filter by language, insurance… (2 chosen)"


@pytest.mark.parametrize(
    ("prefix", "summary", "chip"),
    [
        ("/ko", "언어, 보험 등으로 찾기… (2개 선택됨)", "제거: "),
        ("/hi", "भाषा, बीमा आदि से छाँटें… (2 चुने गए)", "हटाएँ: "),
    ],
)
def test_the_summary_and_chips_speak_korean_and_hindi(client, team, prefix, summary, chip):
    parser = chips_of(client.get(f"{prefix}/team/?language=korean&format=telehealth"))
    assert parser.summary == summary
    assert [name for name, _href in parser.chips][0].startswith(chip)
    assert all(href.startswith(f"{prefix}/team/?") for _name, href in parser.chips)


def test_the_form_and_relax_links_lead_to_the_results(client, team):
    html = client.get("/team/?language=korean&who=couple").text
    assert 'action="/team/#results"' in html
    assert 'id="results"' in html
    assert 'href="/team/#results">Clear all choices' in html
