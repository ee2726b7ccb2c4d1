"""Every practice page type renders inside the site frame with its notices (demo content)."""

import io
import json
import re

from django.core.management import call_command

from tests.practice.demo_case import DemoSiteTestCase

PAGES = [
    "/",
    "/services/",
    "/services/individual-therapy-for-relationship-issues/",
    "/team/",
    "/team/anjali-mehta/",
    "/about/",
    "/good-faith-estimate/",
    "/notice-of-privacy-practices/",
]


class DemoPagesTests(DemoSiteTestCase):
    def test_each_page_has_one_h1_title_description_canonical_and_notices(self):
        for url in PAGES:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertEqual(len(re.findall(r"<h1[\s>]", html)), 1)
                self.assertRegex(html, r"<title>[^<]+\| We Rise Therapy and Wellness</title>")
                self.assertRegex(html, r'<meta name="description" content="[^"]{20,}">')
                # Canonical URLs name the site's configured host, whatever host the request used.
                self.assertRegex(html, rf'<link rel="canonical" href="https?://[^/"]+{re.escape(url)}">')
                self.assertIn('<meta property="og:title"', html)
                self.assertIn("988", html)
                self.assertIn("1-855-654-6735", html)
                self.assertIn("Notice of Privacy Practices</a>", html)
                self.assertIn("Good Faith Estimate</a>", html)

    def test_home_page_shares_its_hero_image(self):
        html = self.client.get("/").content.decode()
        self.assertRegex(
            html, r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">'
        )
        self.assertIn('<meta property="og:image:alt" content="Warm abstract shapes', html)

    def structured_data(self, url):
        html = self.client.get(url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return [json.loads(block) for block in blocks]

    def test_home_and_clinician_pages_describe_themselves_in_json_ld(self):
        (business,) = self.structured_data("/")
        self.assertEqual(business["@type"], "MedicalBusiness")
        self.assertEqual(business["name"], "We Rise Therapy and Wellness")
        self.assertEqual(business["telephone"], "(201) 555-0142")
        person, crumbs = self.structured_data("/team/anjali-mehta/")
        self.assertEqual(person["@type"], "Person")
        self.assertEqual(person["honorificSuffix"], "LCSW")
        self.assertIn("Hindi", person["knowsLanguage"])
        self.assertEqual(person["worksFor"]["name"], "We Rise Therapy and Wellness")
        self.assertEqual(crumbs["@type"], "BreadcrumbList")

    def test_breadcrumbs_are_shown_and_described_alike_on_every_page_type(self):
        """The visible trail and its BreadcrumbList come from one component: same names, same links."""
        for url in ("/team/anjali-mehta/", "/services/anxiety-therapy/", "/fees-and-insurance/"):
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
        html = self.client.get("/services/individual-therapy-for-relationship-issues/").content.decode()
        self.assertIn("Cognitive Behavioral Therapy (CBT)", html)
        self.assertIn("Offered in person and telehealth.", html)
        self.assertIn("<summary>Will you tell me to cut off my family?</summary>", html)
        self.assertIn('href="/contact/intake/?service=individual-therapy-for-relationship-issues"', html)

    def test_clinician_page_shows_licence_and_availability(self):
        html = self.client.get("/team/nia-okafor/").content.decode()
        self.assertIn("NJ licence no. 37FI00122800", html)
        self.assertIn("Not accepting new clients right now", html)
        self.assertNotIn("Work with Nia Okafor", html)

    def test_unpublished_pages_are_not_served_or_listed(self):
        from practice.models import ServicePage

        ServicePage.objects.get(slug="anxiety-therapy").unpublish()
        self.assertEqual(self.client.get("/services/anxiety-therapy/").status_code, 404)
        self.assertNotIn("Anxiety therapy", self.client.get("/services/").content.decode())

    def test_404_page_uses_the_site_frame(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        html = response.content.decode()
        self.assertIn("We couldn’t find that page", html)
        self.assertIn("988", html)
        self.assertIn('class="skip-link"', html)

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
