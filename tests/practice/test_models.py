"""Where each page type may live, and what its model computes."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from practice.models import (
    ClinicianPage,
    HomePage,
    Language,
    ServicePage,
    ServicesIndexPage,
    Specialty,
    StandardPage,
    TeamPage,
)
from tests.blog.factories import BlogIndexPageFactory
from tests.factories import ClinicianPageFactory, ServicePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "parent_key", "allowed"),
    [
        (ServicesIndexPage, "home", False),  # max_count 1, and one exists
        (ServicePage, "services", True),
        (ServicePage, "home", False),
        (ServicePage, "team", False),
        (ClinicianPage, "team", True),
        (ClinicianPage, "services", False),
        (ClinicianPage, "home", False),
        (StandardPage, "home", True),
        (StandardPage, "services", False),
        (TeamPage, "home", False),  # max_count 1, and one exists
        (HomePage, "home", False),
    ],
)
def test_page_types_can_be_created_only_where_they_belong(site_tree, model, parent_key, allowed):
    assert model.can_create_at(getattr(site_tree, parent_key)) is allowed


def test_home_page_lives_only_at_the_top_and_only_once(site_tree):
    root = Page.get_first_root_node()
    assert HomePage.can_exist_under(root)
    assert not HomePage.can_create_at(root)  # one already exists


def test_standard_pages_nest_under_standard_pages(site_tree):
    about = StandardPageFactory(parent=site_tree.home, title="About")
    assert StandardPage.can_create_at(about)
    assert not ServicePage.can_create_at(about)


def test_clinician_lists_name_the_chosen_terms_in_order(site_tree):
    clinician = ClinicianPageFactory(parent=site_tree.team)
    clinician.specialties.set([Specialty.objects.create(name=name) for name in ("Burnout", "Anxiety")])
    clinician.languages.set([Language.objects.create(name=name) for name in ("Hindi", "English")])
    assert clinician.specialty_list == ["Anxiety", "Burnout"]
    assert clinician.language_list == ["English", "Hindi"]


def test_formats_list_only_what_is_offered(site_tree):
    service = ServicePageFactory(parent=site_tree.services, offers_in_person=False)
    assert service.formats == ["Telehealth"]


def test_meta_description_falls_back_to_the_summary(site_tree):
    service = ServicePageFactory(parent=site_tree.services, summary="Help with worry.")
    assert service.get_meta_description() == "Help with worry."
    service.search_description = "Written for search engines."
    assert service.get_meta_description() == "Written for search engines."


def test_service_call_to_action_opens_the_intake_with_this_service(site_tree):
    service = ServicePageFactory(parent=site_tree.services, slug="anxiety-therapy")
    assert service.get_intake_url() == "/contact/intake/?service=anxiety-therapy"


def page_types_offered(client, parent):
    """The add-page forms the admin's page-type chooser offers under `parent` (with one type
    only, the chooser goes straight to its form)."""
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
    if response.status_code == 302:
        return [response["Location"]]
    pattern = rf'href="(/admin/pages/add/[a-z_]+/[a-z_]+/{parent.pk}/)"'
    return sorted(set(re.findall(pattern, response.content.decode())))


def test_staff_are_never_offered_a_way_to_publish_client_testimonials(site_tree, admin_client):
    """Ethics codes bar therapists from soliciting testimonials: no page type, field, panel or
    StreamField block the editor offers may be one (block names and labels are in the form)."""
    blog = BlogIndexPageFactory(parent=site_tree.home)
    StandardPageFactory(parent=site_tree.home, slug="about")
    add_forms = []
    for parent in (site_tree.home, site_tree.services, site_tree.team, blog):
        add_forms += page_types_offered(admin_client, parent)
    assert [url.split("/")[5] for url in add_forms] == [
        "locationpage",
        "standardpage",
        "servicepage",
        "clinicianpage",
        "articlepage",
    ]
    for url in add_forms:
        html = admin_client.get(url).content.decode().lower()
        assert 'name="title"' in html, url
        assert "testimonial" not in html, url
    standard_form = admin_client.get(next(url for url in add_forms if "standardpage" in url)).content.decode()
    assert "faq" in standard_form and "callout" in standard_form  # the block menu is in the page
