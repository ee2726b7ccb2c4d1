"""Factories for the practice's pages and a helper that builds a whole site tree."""

from dataclasses import dataclass

import factory
import wagtail_factories
from wagtail.models import Page, Site

from practice import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "Therapy that understands where you come from"
    hero_text = "A warm welcome."
    audience_text = "<p>First- and second-generation women of color.</p>"

    class Meta:
        model = models.HomePage


class ServicesIndexPageFactory(wagtail_factories.PageFactory):
    title = "Services"
    slug = "services"

    class Meta:
        model = models.ServicesIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Service {n}")
    summary = "Support for what you are carrying."
    who_for = "<p>Adults who want support.</p>"

    class Meta:
        model = models.ServicePage


class TeamPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    slug = "team"

    class Meta:
        model = models.TeamPage


class ClinicianPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Clinician {n}")
    credentials = "LCSW"
    license_number = factory.Sequence(lambda n: f"44SC{n:06d}")
    bio = "<p>I help people find steadier ground.</p>"

    class Meta:
        model = models.ClinicianPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "An introduction."

    class Meta:
        model = models.StandardPage


def get_or_create_root():
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@dataclass
class SiteTree:
    """What `build_site` makes; fixtures that add pages extend it (BlogSite, IntakeSite)."""

    home: models.HomePage
    services: models.ServicesIndexPage
    team: models.TeamPage


def build_site():
    """A published home page served as the default site, with services and team sections.

    Works on an empty database too (transactional tests flush Wagtail's initial root).
    """
    root = get_or_create_root()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    services = ServicesIndexPageFactory(parent=home)
    team = TeamPageFactory(parent=home)
    return SiteTree(home=home, services=services, team=team)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image as the image form requires it: described, since the description is its alt text."""

    description = factory.Sequence(lambda n: f"Soft abstract shapes in warm colours, number {n}.")
