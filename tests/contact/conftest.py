from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from contact.models import INTAKE_GROUP_NAME, ContactSettings
from practice.models import ClinicianPage, ServicePage
from tests.factories import ClinicianPageFactory, ServicePageFactory, SiteTree


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@dataclass
class IntakeSite(SiteTree):
    anxiety: ServicePage
    couples: ServicePage
    draft: ServicePage
    open_clinician: ClinicianPage
    full_clinician: ClinicianPage


@pytest.fixture
def intake_site(site_tree):
    """A site with two live services, one draft service, and clinicians with and without space."""
    services, team = site_tree.services, site_tree.team
    draft = ServicePageFactory(parent=services, title="Draft service", slug="draft-service")
    draft.unpublish()
    return IntakeSite(
        **vars(site_tree),
        anxiety=ServicePageFactory(parent=services, title="Anxiety therapy", slug="anxiety-therapy"),
        couples=ServicePageFactory(parent=services, title="Couples therapy", slug="couples-therapy"),
        draft=draft,
        open_clinician=ClinicianPageFactory(parent=team, title="Asha Rao", slug="asha-rao"),
        full_clinician=ClinicianPageFactory(
            parent=team, title="Full Caseload", slug="full-caseload", accepting_new_clients=False
        ),
    )


@pytest.fixture
def recipients(db):
    contact_settings = ContactSettings.load()
    contact_settings.notification_recipients = "intake@example.org\nlead@example.org"
    contact_settings.save()
    return ["intake@example.org", "lead@example.org"]


@pytest.fixture
def coordinator(django_user_model):
    """A member of the intake coordinators' group: who may read enquiries."""
    user = django_user_model.objects.create_user("coordinator", password="pw")
    user.groups.add(Group.objects.get(name=INTAKE_GROUP_NAME))
    return user
