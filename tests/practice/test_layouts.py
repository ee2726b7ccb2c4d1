"""Service and clinician pages put the facts people decide by in an "At a glance" panel right
after the intro; cards name what people choose a clinician by and are links as a whole."""

import re

from practice.models import ClinicianPage, ServicePage
from tests.practice.demo_case import DemoSiteTestCase


def glance(html):
    return re.search(r'<aside class="glance".*?</aside>', html, re.S).group(0)


class AtAGlanceTests(DemoSiteTestCase):
    def test_a_service_shows_fee_sliding_scale_format_free_call_and_the_request_button(self):
        html = self.client.get("/services/anxiety-therapy/").content.decode()
        panel = glance(html)
        self.assertIn('aria-labelledby="glance-heading"', panel)
        self.assertIn("$180 per 55-minute session", panel)
        # Read from her clinicians: Grace Kim offers one (tests/practice/test_fees.py).
        self.assertIn(
            '<dt>Sliding scale</dt><dd>Available with <a href="/team/grace-kim/">Grace Kim</a></dd>', panel
        )
        self.assertRegex(panel, r"<dt>Format</dt><dd>In person or telehealth</dd>")
        self.assertIn("free 15-minute call", panel)
        self.assertIn('href="/contact/intake/?service=anxiety-therapy"', panel)

    def test_the_panel_comes_right_after_the_intro_so_phones_see_it_early(self):
        html = self.client.get("/services/anxiety-therapy/").content.decode()
        self.assertLess(html.index('class="lead"'), html.index('class="glance"'))
        self.assertLess(html.index('class="glance"'), html.index('id="who-heading"'))

    def test_a_service_without_sliding_scale_says_so(self):
        service = ServicePage.objects.get(slug="couples-and-family-therapy")
        panel = glance(self.client.get(service.url).content.decode())
        self.assertIn("$220 per 80-minute session", panel)
        self.assertRegex(panel, r"<dt>Sliding scale</dt><dd>Not offered</dd>")

    def test_a_clinician_shows_her_lowest_fee_languages_and_the_request_button(self):
        clinician = ClinicianPage.objects.get(slug="anjali-mehta")
        panel = glance(self.client.get(clinician.url).content.decode())
        self.assertIn("Accepting new clients", panel)
        self.assertIn("From $180 per session", panel)
        self.assertRegex(panel, r"<dt>Sliding scale</dt><dd>(Available|Not offered)</dd>")
        for language in clinician.language_list:
            self.assertIn(language, panel)
        self.assertIn(f'href="/contact/intake/?clinician={clinician.slug}"', panel)

    def test_a_clinician_with_a_full_caseload_points_to_colleagues_instead(self):
        clinician = ClinicianPage.objects.filter(accepting_new_clients=False).first()
        panel = glance(self.client.get(clinician.url).content.decode())
        self.assertIn("Not accepting new clients", panel)
        self.assertNotIn("/contact/intake/", panel)


class CardTests(DemoSiteTestCase):
    def test_team_cards_show_languages_top_specialties_and_a_status_badge(self):
        html = self.client.get("/team/").content.decode()
        cards = re.findall(r'<article class="card card--person">.*?</article>', html, re.S)
        self.assertEqual(len(cards), ClinicianPage.objects.live().count())
        for clinician in ClinicianPage.objects.live():
            (card,) = [card for card in cards if f">{clinician.title}</a>" in card]
            self.assertIn("<dt>Speaks</dt><dd>" + ", ".join(clinician.language_list), card)
            self.assertIn("<dt>Helps with</dt><dd>" + ", ".join(clinician.specialty_list[:3]) + "</dd>", card)
            self.assertRegex(card, r'<span class="badge[^"]*">(Accepting|Not accepting) new clients</span>')

    def test_every_card_has_one_link_named_by_its_title(self):
        for url in ("/", "/services/", "/team/", "/blog/"):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                cards = re.findall(r'<article class="card[ "].*?</article>', html, re.S)
                self.assertTrue(cards)
                for card in cards:
                    # Besides a clinician's "Book a free 15-minute call" (issue 22), its own action.
                    links = [a for a in re.findall(r"<a [^>]*>", card) if 'class="card__book ' not in a]
                    self.assertEqual(len(links), 1, card)
                    self.assertRegex(
                        card, r'<h3 class="card__title"><a class="card__link" href="[^"]+">[^<]+</a></h3>'
                    )

    def test_card_titles_follow_an_h2_not_the_h1(self):
        """axe's heading-order: no card title (h3) right under the h1."""
        for url in ("/", "/services/", "/team/", "/blog/", "/blog/category/managing-stress/"):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                main = html[html.index('<main id="main"') : html.index("</main>")]
                levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
                for previous, level in zip(levels, levels[1:], strict=False):
                    self.assertLessEqual(level, previous + 1, levels)

    def test_a_service_card_shows_formats_and_fee(self):
        html = self.client.get("/services/").content.decode()
        self.assertIn("<span>$180 per 55-minute session</span>", html)

    def test_a_service_card_separates_format_and_fee(self):
        html = self.client.get("/services/").content.decode()
        service = ServicePage.objects.live().get(slug="anxiety-therapy", locale__language_code="en")
        card = next(c for c in re.findall(r"<article.*?</article>", html, re.S) if service.title in c)
        meta = re.search(r'<p class="card__meta">(.*?)</p>', card, re.S).group(1)
        text = " ".join(re.sub(r"<[^>]*>", "", meta).split())
        self.assertEqual(text, f"{' · '.join(service.formats)} · {service.fee_label}")
