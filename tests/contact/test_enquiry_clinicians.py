"""On a Korean or Hindi enquiry, the intake coordinator sees which clinicians speak the visitor's
language (issue 20), linked to their pages, so the first call can be matched without a search."""

import re

import pytest
from django.urls import reverse

from practice.models import Language
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory
from tests.factories import ClinicianPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(site_tree):
    korean, hindi = Language.objects.create(name="Korean"), Language.objects.create(name="Hindi")
    english = Language.objects.create(name="English")
    people = {
        "grace": ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim"),
        "mina": ClinicianPageFactory(
            parent=site_tree.team, title="Mina Park", slug="mina-park", accepting_new_clients=False
        ),
        "anjali": ClinicianPageFactory(parent=site_tree.team, title="Anjali Mehta", slug="anjali-mehta"),
        "draft": ClinicianPageFactory(parent=site_tree.team, title="Draft Person", slug="draft-person"),
    }
    for key, languages in {
        "grace": [korean, english],
        "mina": [korean],
        "anjali": [hindi, english],
        "draft": [korean],
    }.items():
        people[key].languages.set(languages)
        people[key].save_revision().publish()
    people["draft"].unpublish()
    return people


def suggestions(client, submission):
    html = client.get(reverse("enquiries:inspect", args=[submission.pk])).content.decode()
    match = re.search(r'<section[^>]*aria-labelledby="enquiry-speakers".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_a_korean_enquiry_suggests_the_clinicians_who_speak_korean(client, coordinator, team):
    client.force_login(coordinator)
    section = suggestions(client, ConsultationRequestFactory(language="ko"))
    assert "Clinicians who speak Korean" in section
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', section) == [
        ("/team/grace-kim/", team["grace"].display_name),
        ("/team/mina-park/", team["mina"].display_name),
    ]
    assert "Not accepting new clients" in section.split("Mina Park", 1)[1]
    assert "Anjali Mehta" not in section and "Draft Person" not in section


def test_a_hindi_contact_message_suggests_the_clinicians_who_speak_hindi(client, coordinator, team):
    client.force_login(coordinator)
    section = suggestions(client, ContactMessageFactory(language="hi"))
    assert "Clinicians who speak Hindi" in section
    assert 'href="/team/anjali-mehta/"' in section
    assert "Grace Kim" not in section


def test_an_english_enquiry_suggests_nobody(client, coordinator, team):
    client.force_login(coordinator)
    assert suggestions(client, ConsultationRequestFactory(language="en")) == ""


def test_says_so_when_nobody_speaks_the_language(client, coordinator, team):
    team["anjali"].languages.set([])
    team["anjali"].save_revision().publish()
    client.force_login(coordinator)
    section = suggestions(client, ConsultationRequestFactory(language="hi"))
    assert "No clinician on the team page speaks Hindi" in section
