"""Every practice page type renders in a bounded number of queries that does not grow.

Measured on the demo site (navigation, images, articles on the home page), after a first
request has made the image renditions, as a visitor after the first one sees it.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import ServicesIndexPage, TeamPage
from tests.factories import ClinicianPageFactory, ServicePageFactory
from tests.practice.demo_case import DemoSiteTestCase

MAX_QUERIES = 12
# The home page lists clinicians and articles with Wagtail's `.public()`, one query each, and
# is checked by Wagtail's view-restriction lookup (two); see issue 8.
# The team page's finder reads its choices (one query for the four vocabularies, one for
# services); a clinician page names her languages, specialties, approaches and insurance panels
# (one query each); a service page lists its clinicians and links to the finder on the team page.
OVER_BUDGET = {"home": 13, "team": 13, "clinician": 14, "service": 15}
PAGE_TYPES = {
    "home": "/",
    "services index": "/services/",
    "service": "/services/anxiety-therapy/",
    "team": "/team/",
    "clinician": "/team/anjali-mehta/",
    "standard": "/fees-and-insurance/",
    "search": "/search/?q=therapy",
}


class QueryBudgetTests(DemoSiteTestCase):
    def setUp(self):
        cache.clear()

    def count(self, url):
        self.assertEqual(self.client.get(url).status_code, 200)  # renditions, caches
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_each_page_type_stays_within_budget_and_does_not_grow(self):
        before = {name: self.count(url) for name, url in PAGE_TYPES.items()}
        services, team = ServicesIndexPage.objects.get(), TeamPage.objects.get()
        for i in range(25):
            ServicePageFactory(parent=services, title=f"Service {i} therapy", slug=f"service-{i}")
            ClinicianPageFactory(parent=team, title=f"Clinician {i}", slug=f"clinician-{i}")
        cache.clear()
        after = {name: self.count(url) for name, url in PAGE_TYPES.items()}
        print("\nqueries per page type (demo, then +25 services and clinicians):")
        for name in PAGE_TYPES:
            print(f"  {name:<15} {before[name]:>3} {after[name]:>3}")
        for name in PAGE_TYPES:
            with self.subTest(page=name):
                self.assertLessEqual(after[name], OVER_BUDGET.get(name, MAX_QUERIES))
                if name != "search":  # search costs one query per content type on its results page
                    self.assertEqual(after[name], before[name])

    def test_navigation_follows_a_renamed_page_at_once(self):
        self.count("/")
        fees = ServicesIndexPage.objects.get().get_parent().get_children().get(slug="fees-and-insurance")
        fees = fees.specific
        fees.slug = "fees"
        fees.save_revision().publish()
        html = self.client.get("/").content.decode()
        self.assertIn('href="/fees/"', html)
        self.assertNotIn('href="/fees-and-insurance/"', html)
