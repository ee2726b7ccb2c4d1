"""Every practice page type renders inside the site frame with its notices (demo content).

Expectations come from the content itself (the models), not from the demo's wording, so that
an editor's rewrite of the demo copy does not fail a test about how pages render. What is pinned
is what the domain requires: the crisis numbers and the legal notices' links."""

import html as html_lib
import io
import json
import re

from django.core.management import call_command
from django.utils.html import escape

from tests.practice.demo_case import DemoSiteTestCase


def escaped(text):
    """How the templates print `text` (Django autoescaping)."""
    return escape(text)


class DemoPagesTests(DemoSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from practice.models import ClinicianPage, PracticeSettings, ServicePage

        cls.practice = PracticeSettings.load()
        cls.service = ServicePage.objects.live().filter(faqs__isnull=False).exclude(faqs=[]).first()
        cls.clinician = ClinicianPage.objects.live().filter(accepting_new_clients=True).first()
        cls.full_clinician = ClinicianPage.objects.live().filter(accepting_new_clients=False).first()

    def page_urls(self):
        """One live page of each practice page type (plus the legal notices, which are standard pages)."""
        from practice.models import HomePage, ServicesIndexPage, StandardPage, TeamPage

        standard = StandardPage.objects.live().order_by("path")
        return [
            HomePage.objects.get(locale__language_code="en").url,
            ServicesIndexPage.objects.get(locale__language_code="en").url,
            self.service.url,
            TeamPage.objects.get().url,
            self.clinician.url,
            *(page.url for page in standard),
        ]

    def test_each_page_has_one_h1_title_description_canonical_and_notices(self):
        name = re.escape(escaped(self.practice.practice_name))
        for url in self.page_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertEqual(len(re.findall(r"<h1[\s>]", html)), 1)
                self.assertRegex(html, rf"<title>[^<]+\| {name}</title>")
                self.assertRegex(html, r'<meta name="description" content="[^"]{20,}">')
                # Canonical URLs name the site's configured host, whatever host the request used.
                self.assertRegex(html, rf'<link rel="canonical" href="https?://[^/"]+{re.escape(url)}">')
                self.assertIn('<meta property="og:title"', html)
                self.assertIn("988", html)
                self.assertIn("1-855-654-6735", html)
                self.assertIn("Notice of Privacy Practices</a>", html)
                self.assertIn("Good Faith Estimate</a>", html)

    def test_home_page_shares_its_hero_image(self):
        from practice.models import HomePage

        html = self.client.get("/").content.decode()
        self.assertRegex(
            html, r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">'
        )
        description = HomePage.objects.get(locale__language_code="en").hero_image.description
        self.assertIn(f'<meta property="og:image:alt" content="{escaped(description)}">', html)

    def structured_data(self, url):
        html = self.client.get(url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return [json.loads(block) for block in blocks]

    def test_home_and_clinician_pages_describe_themselves_in_json_ld(self):
        (business,) = self.structured_data("/")
        self.assertEqual(business["@type"], "MedicalBusiness")
        self.assertEqual(business["name"], self.practice.practice_name)
        self.assertEqual(business["telephone"], self.practice.phone)
        person, crumbs = self.structured_data(self.clinician.url)
        self.assertEqual(person["@type"], "Person")
        self.assertEqual(person["honorificSuffix"], self.clinician.credentials)
        languages = [language.name for language in self.clinician.languages.all()]
        self.assertTrue(languages)
        self.assertEqual(sorted(person["knowsLanguage"]), sorted(languages))
        self.assertEqual(person["worksFor"]["name"], self.practice.practice_name)
        self.assertEqual(crumbs["@type"], "BreadcrumbList")

    def test_breadcrumbs_are_shown_and_described_alike_on_every_page_type(self):
        """The visible trail and its BreadcrumbList come from one component: same names, same links."""
        for url in self.page_urls()[2:]:  # pages below the home page
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
                shown = re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)
                (crumbs,) = [data for data in self.structured_data(url) if data["@type"] == "BreadcrumbList"]
                items = crumbs["itemListElement"]
                self.assertEqual(
                    [(item["item"], item["name"]) for item in items[:-1]],
                    [("http://testserver" + link, name) for link, name in shown],
                )
                self.assertEqual(items[-1]["item"], "http://testserver" + url)

    def test_service_page_shows_approaches_formats_faqs_and_intake_link(self):
        service = self.service
        text = self.visible_text(service.url)
        for approach in service.approaches.all():
            self.assertIn(approach.name, text)
        for label in service.formats:
            self.assertIn(label.lower(), text.lower())
        for faq in service.faqs:
            self.assertIn(faq.value["question"], text)
        html = self.client.get(service.url).content.decode()
        self.assertIn(f'href="/contact/intake/?service={service.slug}"', html)

    def test_clinician_page_shows_licence_and_availability(self):
        accepting = self.visible_text(self.clinician.url)
        full = self.visible_text(self.full_clinician.url)
        self.assertIn(self.full_clinician.license_number, full)
        self.assertIn("not accepting new clients", full.lower())
        self.assertNotIn("not accepting new clients", accepting.lower())
        # A clinician with a full caseload is not offered as a choice on the consultation request.
        html = self.client.get(self.full_clinician.url).content.decode()
        self.assertNotIn(f"/contact/intake/?clinician={self.full_clinician.slug}", html)
        self.assertIn(
            f"/contact/intake/?clinician={self.clinician.slug}",
            self.client.get(self.clinician.url).content.decode(),
        )

    def visible_text(self, url):
        """The page's main content as a reader gets it: tags dropped, entities decoded, spaces folded."""
        html = self.client.get(url).content.decode()
        main = re.search(r"<main.*?</main>", html, re.S).group(0)
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
        return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())

    def test_unpublished_pages_are_not_served_or_listed(self):
        from practice.models import ServicesIndexPage

        service, url = self.service, self.service.url
        service.unpublish()
        self.assertEqual(self.client.get(url).status_code, 404)
        listing = self.client.get(
            ServicesIndexPage.objects.get(locale__language_code="en").url
        ).content.decode()
        self.assertNotIn(f'href="{url}"', listing)
        self.assertNotIn(escaped(service.title), listing)

    def test_404_page_uses_the_site_frame(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        html = response.content.decode()
        self.assertIn("We couldn’t find that page", html)
        self.assertIn("988", html)
        self.assertIn('class="skip-link"', html)

    def test_404_page_offers_one_way_to_contact_us(self):
        html = self.client.get("/no-such-page/").content.decode()
        main = html[html.index('<main id="main"') : html.index("</main>")]
        self.assertEqual(main.count('href="/contact/"'), 1, main)

    def test_loading_the_demo_again_changes_nothing(self):
        from wagtail.images.models import Image
        from wagtail.models import Page

        before = (Page.objects.count(), Image.objects.count())
        call_command("load_demo_content", stdout=io.StringIO())
        self.assertEqual((Page.objects.count(), Image.objects.count()), before)

    def test_demo_images_are_small_and_described(self):
        from wagtail.images.models import Image

        for image in Image.objects.all():
            with self.subTest(image=image.title):
                self.assertTrue(image.description)
                self.assertLess(image.file.size, 80_000)
