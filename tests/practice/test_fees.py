"""One source of truth for fees (issue 20): what a service says about the sliding scale and
insurance comes from the clinicians who offer it, and the fees page names who offers a sliding
scale, so no page contradicts another."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from practice.demo.translations import publish_demo_translation
from practice.models import ClinicianPage, InsuranceCarrier, ServicePage, StandardPage
from tests.factories import ClinicianPageFactory, ServicePageFactory
from tests.practice.demo_case import DemoSiteTestCase


def glance(html):
    return re.search(r'<aside class="glance".*?</aside>', html, re.S).group(0)


def row(panel, label):
    """The text of a row of the "At a glance" panel ("" when it has none), links kept."""
    match = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", panel, re.S)
    return match.group(1) if match else ""


def links(html):
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)


class ServiceSlidingScaleTests(DemoSiteTestCase):
    def test_no_service_says_not_offered_while_one_of_its_clinicians_offers_one(self):
        services = ServicePage.objects.visible()
        self.assertTrue(services)
        for service in services:
            with self.subTest(service=service.slug):
                panel = glance(self.client.get(service.url).content.decode())
                offering = service.clinicians.visible().filter(offers_sliding_scale=True)
                sliding = row(panel, "Sliding scale")
                if offering:
                    self.assertNotIn("Not offered", sliding)
                    self.assertEqual(sorted(links(sliding)), sorted((c.url, c.title) for c in offering))
                else:
                    self.assertNotIn("Available", sliding)

    def test_the_demo_has_a_service_whose_clinician_alone_offers_a_sliding_scale(self):
        """Cultural identity: Grace Kim offers a sliding scale, Anjali Mehta does not."""
        service = ServicePage.objects.visible().get(slug="cultural-identity-and-life-transitions")
        panel = glance(self.client.get(service.url).content.decode())
        grace = ClinicianPage.objects.get(slug="grace-kim")
        self.assertEqual(
            row(panel, "Sliding scale"), f'Available with <a href="{grace.url}">{grace.title}</a>'
        )

    def test_a_clinician_starting_a_sliding_scale_shows_on_her_services_at_once(self):
        service = ServicePage.objects.visible().get(slug="couples-and-family-therapy")
        self.assertEqual(
            row(glance(self.client.get(service.url).content.decode()), "Sliding scale"), "Not offered"
        )
        nia = ClinicianPage.objects.get(slug="nia-okafor")
        nia.offers_sliding_scale = True
        nia.save_revision().publish()
        sliding = row(glance(self.client.get(service.url).content.decode()), "Sliding scale")
        self.assertEqual(links(sliding), [(nia.url, nia.title)])

    def test_the_korean_service_page_names_the_same_clinicians_under_ko(self):
        service = ServicePage.objects.visible().get(slug="cultural-identity-and-life-transitions")
        panel = glance(self.client.get(f"/ko{service.url}").content.decode())
        self.assertIn('href="/ko/team/grace-kim/"', panel)
        self.assertNotIn("Not offered", panel)


class ServiceInsuranceTests(DemoSiteTestCase):
    def test_the_panel_names_the_carriers_its_clinicians_take(self):
        for service in ServicePage.objects.visible():
            with self.subTest(service=service.slug):
                insurance = row(glance(self.client.get(service.url).content.decode()), "Insurance")
                carriers = InsuranceCarrier.objects.filter(
                    clinicians__in=service.clinicians.visible()
                ).distinct()
                self.assertTrue(carriers)
                for carrier in carriers:
                    self.assertIn(escape(carrier.name), insurance)
                for carrier in InsuranceCarrier.objects.exclude(pk__in=carriers):
                    self.assertNotIn(escape(carrier.name), insurance)

    def test_a_carrier_only_some_of_its_clinicians_take_names_them(self):
        service = ServicePage.objects.visible().get(slug="cultural-identity-and-life-transitions")
        insurance = row(glance(self.client.get(service.url).content.decode()), "Insurance")
        anjali = ClinicianPage.objects.get(slug="anjali-mehta")
        # Both take Aetna; only Anjali Mehta takes Horizon.
        self.assertIn(
            f'Aetna, Horizon Blue Cross Blue Shield (with <a href="{anjali.url}">{anjali.title}</a>)',
            insurance,
        )

    def test_a_service_whose_clinicians_take_no_insurance_says_so(self):
        service = ServicePage.objects.visible().get(slug="anxiety-therapy")
        for clinician in service.clinicians.all():
            clinician.insurance_carriers.clear()
            clinician.save_revision().publish()
        insurance = row(glance(self.client.get(service.url).content.decode()), "Insurance")
        self.assertEqual(insurance, "Not in network with any plan")

    def test_the_rows_are_translated(self):
        service = ServicePage.objects.visible().get(slug="cultural-identity-and-life-transitions")
        for language in ("ko", "hi"):
            with self.subTest(language=language):
                panel = glance(self.client.get(f"/{language}{service.url}").content.decode())
                self.assertNotIn("Available with", panel)
                self.assertNotIn("(with ", panel)


@pytest.mark.django_db
@pytest.mark.usefixtures("every_cache_off")
def test_the_service_page_does_not_query_per_clinician(client, site_tree, django_assert_max_num_queries):
    service = ServicePageFactory(parent=site_tree.services, slug="anxiety-therapy")
    aetna, horizon = (
        InsuranceCarrier.objects.create(name="Aetna"),
        InsuranceCarrier.objects.create(name="Horizon"),
    )

    def count():
        client.get(service.url)  # renditions
        with CaptureQueriesContext(connection) as captured:
            client.get(service.url)
        return len(captured)

    for i in range(2):
        clinician = ClinicianPageFactory(parent=site_tree.team, slug=f"c{i}", offers_sliding_scale=True)
        clinician.services.add(service)
        clinician.insurance_carriers.add(aetna)
        clinician.save_revision().publish()
    few = count()
    for i in range(2, 8):
        clinician = ClinicianPageFactory(parent=site_tree.team, slug=f"c{i}", offers_sliding_scale=True)
        clinician.services.add(service)
        clinician.insurance_carriers.add(horizon)
        clinician.save_revision().publish()
    client.get(service.url)  # the site's structure of this generation, as `count` reads it first
    with django_assert_max_num_queries(few):
        html = client.get(service.url).content.decode()
    assert len(links(row(glance(html), "Sliding scale"))) == 8


class FeesPageTests(DemoSiteTestCase):
    FEES = "/fees-and-insurance/"

    def sliding_scale_section(self, url=FEES):
        html = self.client.get(url).content.decode()
        main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
        return re.search(r'<p class="sliding-scale-clinicians">.*?</p>', main, re.S).group(0)

    def test_names_the_clinicians_who_offer_a_sliding_scale_instead_of_some(self):
        html = self.client.get(self.FEES).content.decode()
        self.assertNotIn("Some of our clinicians", html)
        offering = ClinicianPage.objects.visible().filter(offers_sliding_scale=True)
        self.assertTrue(offering)
        self.assertEqual(
            sorted(links(self.sliding_scale_section())), sorted((c.url, c.title) for c in offering)
        )

    def test_a_clinician_starting_a_sliding_scale_is_named_on_the_next_request(self):
        self.sliding_scale_section()  # fills the page cache
        anjali = ClinicianPage.objects.get(slug="anjali-mehta")
        anjali.offers_sliding_scale = True
        anjali.save_revision().publish()
        self.assertIn((anjali.url, anjali.title), links(self.sliding_scale_section()))

    def test_says_so_when_nobody_offers_one(self):
        for clinician in ClinicianPage.objects.filter(offers_sliding_scale=True):
            clinician.offers_sliding_scale = False
            clinician.save_revision().publish()
        section = self.sliding_scale_section()
        self.assertEqual(links(section), [])
        self.assertIn("No clinician offers a sliding scale at the moment.", section)

    def test_the_korean_and_hindi_fees_pages_name_them_in_their_language(self):
        for language in ("ko", "hi"):
            with self.subTest(language=language):
                page = StandardPage.objects.get(slug="fees-and-insurance", locale__language_code=language)
                publish_demo_translation(page)
                section = self.sliding_scale_section(f"/{language}{self.FEES}")
                self.assertIn(f'href="/{language}/team/grace-kim/"', section)
                self.assertNotIn("Clinicians who offer", section)


class ClinicianFactsOnceTests(DemoSiteTestCase):
    """Languages, formats and payment are said once, in the "At a glance" panel, not again in the
    "Practice details" a few centimeters below it."""

    def profile(self, clinician):
        html = self.client.get(clinician.url).content.decode()
        layout = html.split('<div class="page-layout">', 1)[1]
        layout = re.split(r'<section aria-labelledby="similar-heading">|</article>', layout)[0]
        # Her bio is her own words (a language may come up in her story): the facts are the rest.
        return re.sub(
            r'<div class="page-layout__main">\s*<div class="prose">.*?</div>', "", layout, count=1, flags=re.S
        )

    def test_languages_formats_and_payment_appear_once(self):
        for clinician in ClinicianPage.objects.visible():
            with self.subTest(clinician=clinician.slug):
                facts = self.profile(clinician)
                panel = glance(facts)
                for language in clinician.language_list:
                    self.assertEqual(facts.count(language), 1, language)
                    self.assertIn(language, panel)
                for carrier in clinician.insurance_carriers.all():
                    self.assertEqual(facts.count(escape(carrier.name)), 1, carrier.name)
                    self.assertIn(escape(carrier.name), panel)
                self.assertEqual(len(re.findall(r"<dt>Formats?</dt>", facts)), 1)
                self.assertEqual(
                    len(re.findall(r"<dt>(Payment|Self-pay)</dt>", facts)), int(clinician.offers_self_pay)
                )
                self.assertEqual(facts.count("<dt>Sliding scale</dt>"), 1)

    def test_the_panel_says_she_welcomes_self_pay(self):
        clinician = ClinicianPage.objects.get(slug="anjali-mehta")
        panel = glance(self.client.get(clinician.url).content.decode())
        self.assertEqual(row(panel, "Self-pay"), "Welcome")

    def test_the_practice_details_keep_what_the_panel_does_not_say(self):
        clinician = ClinicianPage.objects.get(slug="anjali-mehta")
        facts = self.profile(clinician)
        details = facts.split('id="details-heading"', 1)[1]
        for label in ("Specialties", "Approaches", "Works with", "License"):
            self.assertIn(f"<dt>{label}</dt>", details)
