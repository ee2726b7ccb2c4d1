"""The pages a practice is expected to have, in the demo: an accessibility statement, a location
page, the sliding-scale policy and the insurance carriers (from the snippets) on the fees page."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.html import escape

from practice.models import ClinicianPage, InsuranceCarrier, LocationPage, PracticeSettings
from tests.practice.demo_case import DemoSiteTestCase

LOCATION = "/location/"
FEES = "/fees-and-insurance/"
ACCESSIBILITY = "/accessibility/"


class Links(HTMLParser):
    """Every element's attributes, to look at links, sources and frames."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    parser = Links()
    parser.feed(html)
    return parser.elements


def main_of(html):
    return html.split('id="main"', 1)[1].split("</main>", 1)[0]


class AccessibilityStatementTests(DemoSiteTestCase):
    def test_states_the_standard_testing_limits_and_how_to_report_a_problem(self):
        response = self.client.get(ACCESSIBILITY)
        self.assertEqual(response.status_code, 200)
        text = main_of(response.content.decode())
        self.assertIn("WCAG 2.2", text)
        self.assertIn("AA", text)
        for heading in ("How we test", "Known limits", "Report a problem"):
            self.assertRegex(text, rf"<h2[^>]*>{heading}")
        self.assertIn('href="/contact/"', text)
        self.assertIn("mailto:hello@werisetherapy.example", text)

    def test_says_what_was_checked_in_plain_words_and_links_the_phone_number(self):
        text = main_of(self.client.get(ACCESSIBILITY).content.decode())
        for tool in ("axe", "Lighthouse", "VoiceOver", "NVDA"):
            self.assertNotRegex(text, rf"(?i)\b{tool}\b")
        self.assertRegex(text, r'<a href="tel:\+12015550142">\(201\) 555-0142</a>')

    def test_is_linked_from_every_footer(self):
        html = self.client.get("/").content.decode()
        footer = html.split('<nav aria-label="Footer">', 1)[1].split("</nav>", 1)[0]
        self.assertIn(f'href="{ACCESSIBILITY}"', footer)


class LocationPageTests(DemoSiteTestCase):
    def test_is_a_location_page_with_directions_transit_parking_and_wheelchair_access(self):
        response = self.client.get(LOCATION)
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response.context["page"], LocationPage)
        text = main_of(response.content.decode())
        for heading in ("Directions", "Public transit", "Parking", "Wheelchair access"):
            self.assertRegex(text, rf"<h2[^>]*>{heading}</h2>")

    def test_shows_address_and_hours_from_practice_settings(self):
        settings = PracticeSettings.load()
        settings.address = "7 Newark Avenue\nJersey City, NJ 07302"
        settings.save()
        text = main_of(self.client.get(LOCATION).content.decode())
        self.assertIn("7 Newark Avenue", text)
        self.assertIn("Monday to Thursday", text)

    def test_links_out_to_a_map_and_embeds_nothing_from_elsewhere(self):
        html = self.client.get(LOCATION).content.decode()
        self.assertNotIn("<iframe", html)
        page = LocationPage.objects.get()
        links = [attrs for tag, attrs in elements(main_of(html)) if tag == "a"]
        map_links = [attrs for attrs in links if attrs.get("href") == page.map_url]
        self.assertEqual(len(map_links), 1)
        self.assertIn("noopener", map_links[0].get("rel", ""))
        for tag, attrs in elements(html):
            for name in ("src", "srcset", "data", "poster"):
                for url in re.split(r",\s*", attrs.get(name) or ""):
                    if url:
                        with self.subTest(tag=tag, url=url):
                            self.assertTrue(url.startswith("/"), f"{tag} {name} from elsewhere: {url}")

    def test_shows_the_uploaded_map_image_with_its_alt_text(self):
        page = LocationPage.objects.get()
        self.assertIsNotNone(page.map_image)
        html = main_of(self.client.get(LOCATION).content.decode())
        self.assertIn(f'alt="{escape(page.map_image.description)}"', html)

    def test_search_finds_it_by_what_visitors_ask(self):
        html = self.client.get("/search/?q=parking").content.decode()
        self.assertIn(f'href="{LOCATION}"', main_of(html))

    def test_is_in_the_footer_links(self):
        html = self.client.get("/").content.decode()
        footer = html.split('<nav aria-label="Footer">', 1)[1].split("</nav>", 1)[0]
        self.assertIn(f'href="{LOCATION}"', footer)

    def test_telehealth_only_practice_page_says_so_instead_of_an_address(self):
        settings = PracticeSettings.load()
        settings.telehealth_only = True
        settings.save()
        text = main_of(self.client.get(LOCATION).content.decode())
        self.assertIn("Telehealth only", text)
        self.assertNotIn("101 Hudson Street", text)

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_renders_in_a_bounded_number_of_queries(self):
        self.client.get(LOCATION)  # renditions, navigation cache
        with self.assertNumQueriesAtMost(12):
            self.assertEqual(self.client.get(LOCATION).status_code, 200)

    def assertNumQueriesAtMost(self, limit):  # noqa: N802 - unittest style
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        test = self

        class Budget(CaptureQueriesContext):
            def __exit__(self, *exc):
                super().__exit__(*exc)
                test.assertLessEqual(len(self), limit, "\n".join(q["sql"] for q in self.captured_queries))

        return Budget(connection)


@pytest.mark.django_db
def test_a_telehealth_only_practice_gets_no_location_page(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    practice = PracticeSettings.load()
    practice.telehealth_only = True
    practice.save()
    call_command("load_demo_content", stdout=io.StringIO())
    assert not LocationPage.objects.exists()
    html = Client().get("/").content.decode()
    assert 'href="/location/"' not in html


class FeesPageTests(DemoSiteTestCase):
    def test_explains_the_sliding_scale(self):
        text = main_of(self.client.get(FEES).content.decode())
        section = text.split("Sliding scale", 1)[1]
        self.assertRegex(section, r"first (15-minute )?(consultation )?call")
        self.assertIn("proof of income", section)

    def carriers_block(self):
        html = main_of(self.client.get(FEES).content.decode())
        match = re.search(r'<section[^>]*class="insurance-carriers".*?</section>', html, re.S)
        self.assertIsNotNone(match, "the fees page has no insurance carriers list")
        return match.group(0)

    def test_lists_every_carrier_from_the_snippets_with_the_clinicians_who_take_it(self):
        block = self.carriers_block()
        carriers = InsuranceCarrier.objects.all()
        self.assertTrue(carriers)
        for carrier in carriers:
            self.assertIn(carrier.name, block)
            for clinician in ClinicianPage.objects.live().filter(insurance_carriers=carrier):
                self.assertIn(f'href="{clinician.url}"', block)

    def test_a_carrier_added_by_an_editor_shows_on_the_next_request(self):
        self.assertNotIn("Cigna", self.carriers_block())  # also fills the page cache
        self.assertEqual(self.client.get(FEES).headers.get("X-Cache"), "HIT")
        InsuranceCarrier.objects.create(name="Cigna")
        self.assertIn("Cigna", self.carriers_block())

    def test_a_renamed_carrier_and_a_clinician_joining_a_panel_show_at_once(self):
        self.carriers_block()
        carrier = InsuranceCarrier.objects.first()
        carrier.name = "Renamed Carrier Plan"
        carrier.save()
        clinician = ClinicianPage.objects.live().exclude(insurance_carriers=carrier).first()
        clinician.insurance_carriers.add(carrier)
        clinician.save_revision().publish()
        block = self.carriers_block()
        self.assertIn("Renamed Carrier Plan", block)
        self.assertIn(f'href="{clinician.url}"', block)

    def test_loading_the_demo_again_upgrades_an_untouched_earlier_fees_page_once(self):
        from practice.demo.expected_pages import EARLIER_BODIES
        from practice.models import StandardPage

        fees = StandardPage.objects.get(slug="fees-and-insurance", locale__language_code="en")
        fees.body = EARLIER_BODIES["fees-and-insurance"]
        fees.save_revision().publish()
        self.assertNotIn("insurance-carriers", self.client.get(FEES).content.decode())
        call_command("load_demo_content", stdout=io.StringIO())
        self.carriers_block()
        revisions = fees.revisions.count()
        call_command("load_demo_content", stdout=io.StringIO())
        self.assertEqual(fees.revisions.count(), revisions)

    def test_loading_the_demo_again_keeps_an_editors_fees_page(self):
        from practice.models import StandardPage

        fees = StandardPage.objects.get(slug="fees-and-insurance", locale__language_code="en")
        fees.body = [("paragraph", "<p>Our own words about fees.</p>")]
        fees.save_revision().publish()
        call_command("load_demo_content", stdout=io.StringIO())
        html = self.client.get(FEES).content.decode()
        self.assertIn("Our own words about fees.", html)
        self.assertNotIn("insurance-carriers", html)
