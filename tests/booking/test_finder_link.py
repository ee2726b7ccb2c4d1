"""The finder's cards offer "Book a free 15-minute call" for clinicians who host consultations."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from booking.models import ConsultationHost
from tests.booking.conftest import host_with_hours
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db
LINK = "Book a free 15-minute call"


def booking_links(html):
    """{href: accessible text} of the cards' booking links."""
    links = re.findall(r'<a class="card__book[^"]*" href="([^"]+)">(.*?)</a>', html, re.S)
    return {href: re.sub(r"<[^>]+>", "", text).strip() for href, text in links}


@pytest.fixture
def team(site_tree):
    grace = ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim")
    nia = ClinicianPageFactory(
        parent=site_tree.team, title="Nia Okafor", slug="nia-okafor", accepting_new_clients=False
    )
    anjali = ClinicianPageFactory(parent=site_tree.team, title="Anjali Mehta", slug="anjali-mehta")
    host_with_hours(clinician=grace)
    host_with_hours(clinician=nia)  # full caseload: no link
    ConsultationHost.objects.create(clinician=anjali)  # a host with no hours yet: no link
    return site_tree.team


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_host_accepting_clients_gets_a_link_to_the_request_with_her_chosen(client, team):
    html = client.get(team.url).content.decode()
    assert booking_links(html) == {"/contact/intake/?clinician=grace-kim": f"{LINK} (with Grace Kim)"}
    # The words on screen are the same on every card; the name is for screen readers.
    assert '<span class="visually-hidden"> (with Grace Kim)</span>' in html


@override_settings(PAGE_CACHE_SECONDS=0)
def test_in_korean_too(client, team):
    html = client.get("/ko" + team.url).content.decode()
    links = booking_links(html)
    assert list(links) == ["/ko/contact/intake/?clinician=grace-kim"]
    assert links["/ko/contact/intake/?clinician=grace-kim"] == "15분 무료 통화 예약하기 (Grace Kim 선생님과)"


@override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0)
def test_the_links_cost_no_query_per_card(client, team):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(team.url).status_code == 200
        return len(captured)

    count()
    few = count()
    for i in range(6):
        host_with_hours(clinician=ClinicianPageFactory(parent=team, title=f"Host {i}", slug=f"host-{i}"))
    count()  # the new cards' photo renditions are made once
    assert count() == few
    assert len(booking_links(client.get(team.url).content.decode())) == 7


def test_a_host_stopping_or_losing_her_hours_leaves_the_cached_team_page(client, team, settings):
    """The team page is kept whole for anonymous visitors: a change to who offers calls shows at once."""
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get(team.url).headers.get("X-Cache") == "MISS"
    assert client.get(team.url).headers.get("X-Cache") == "HIT"
    host = ConsultationHost.objects.get(clinician__slug="grace-kim")
    host.active = False
    host.save()
    assert booking_links(client.get(team.url).content.decode()) == {}
    host.active = True
    host.save()
    assert len(booking_links(client.get(team.url).content.decode())) == 1
    host.windows.all().delete()
    assert booking_links(client.get(team.url).content.decode()) == {}
