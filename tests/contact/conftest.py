import pytest
from django.core.cache import cache

from contact.models import ContactSettings
from tests.factories import ClinicianPageFactory, ServicePageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def intake_site(site_tree):
    """A site with two live services, one draft service, and clinicians with and without space."""
    services = site_tree["services"]
    team = site_tree["team"]
    site_tree["anxiety"] = ServicePageFactory(
        parent=services, title="Anxiety therapy", slug="anxiety-therapy"
    )
    site_tree["couples"] = ServicePageFactory(
        parent=services, title="Couples therapy", slug="couples-therapy"
    )
    draft = ServicePageFactory(parent=services, title="Draft service", slug="draft-service")
    draft.unpublish()
    site_tree["draft"] = draft
    site_tree["open_clinician"] = ClinicianPageFactory(parent=team, title="Asha Rao", slug="asha-rao")
    site_tree["full_clinician"] = ClinicianPageFactory(
        parent=team, title="Full Caseload", slug="full-caseload", accepting_new_clients=False
    )
    return site_tree


@pytest.fixture
def recipients(db):
    contact_settings = ContactSettings.load()
    contact_settings.notification_recipients = "intake@example.org\nlead@example.org"
    contact_settings.save()
    return ["intake@example.org", "lead@example.org"]
