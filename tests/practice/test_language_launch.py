"""Launch-proud in three languages (issue 20): the English fallback's note laid out with the page,
one reply promise in every language, the practice's own words per language, and clinicians who
speak the visitor's language first."""

import re

import pytest

from practice.models import PracticeSettings
from tests.factories import ServicePageFactory
from tests.practice import test_i18n
from tests.practice.demo_case import DemoSiteTestCase

pytestmark = pytest.mark.django_db

# test_i18n's fixture: the shipped catalogues compiled (a site with Korean pages: tests/conftest.py).
compiled_messages = test_i18n.compiled_messages


def test_the_fallback_note_sits_in_the_page_container_before_the_content(client, korean, compiled_messages):
    """The note lines up with the content below it (the same .container, padded off the screen's
    edges) and is read in the visitor's language inside the English <main>."""
    ServicePageFactory(parent=korean.services, title="Anxiety therapy", slug="anxiety")
    html = client.get("/ko/services/anxiety/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert re.match(
        r'<main id="main" tabindex="-1" lang="en">\s*<div class="container translation-note-wrap">\s*'
        r'<p class="translation-note" role="note" lang="ko">[^<]+</p>\s*</div>',
        main,
    ), main[:400]
    assert main.index("translation-note") < main.index("Anxiety therapy")


@pytest.mark.parametrize(
    ("path", "promise", "not_said"),
    [
        ("/contact/", "within two business days", "48 hours"),
        ("/ko/contact/", "영업일 기준 2일 이내에", "48시간"),
        ("/hi/contact/", "दो कामकाजी दिनों के अंदर", "48 घंटे"),
        ("/ko/contact/intake/", "영업일 기준 2일 이내에", "48시간"),
        ("/hi/contact/thanks/?sent=consultation", "दो कामकाजी दिनों के अंदर", "48 घंटे"),
    ],
)
def test_the_reply_promise_is_the_same_in_every_language(
    client, site_tree, compiled_messages, path, promise, not_said
):
    html = client.get(path).content.decode()
    assert promise in html
    assert not_said not in html


def test_an_own_english_promise_without_a_translation_is_said_in_hours_in_korean(
    client, site_tree, compiled_messages
):
    """Staff's own English words cannot stand inside a Korean sentence: without Korean words for
    them, the promise is given as its hours."""
    practice = PracticeSettings.load()
    practice.response_time_text = "by the end of the next business day"
    practice.response_time_hours = 24
    practice.save()
    html = client.get("/ko/contact/").content.decode()
    assert "24시간 이내에" in html
    assert "by the end of the next business day" not in html
    assert "by the end of the next business day" in client.get("/contact/").content.decode()


def practice_with_korean_words(**words):
    from wagtail.models import Locale

    from practice.models import PracticeWording

    practice = PracticeSettings.load()
    practice.tagline = "Therapy for every part of who you are"
    practice.address = "12 Church Street\nMontclair, NJ 07042"
    practice.hours = "Monday to Friday, 9 am to 5 pm"
    practice.save()
    PracticeWording.objects.create(settings=practice, locale=Locale.objects.get(language_code="ko"), **words)
    return practice


def test_the_practices_words_are_shown_in_korean_where_staff_wrote_them(client, korean):
    practice_with_korean_words(
        tagline="당신의 모든 모습을 위한 상담", hours="월요일~금요일, 오전 9시~오후 5시"
    )
    html = client.get("/ko/").content.decode()
    assert "<p>당신의 모든 모습을 위한 상담</p>" in html
    assert '<p class="site-footer__hours">월요일~금요일, 오전 9시~오후 5시</p>' in html
    # Left empty in Korean: the English, marked as English for screen readers.
    assert '<span lang="en">12 Church Street<br>Montclair, NJ 07042</span>' in html
    english = client.get("/").content.decode()
    assert "Therapy for every part of who you are" in english
    assert "당신의" not in english
    assert "Therapy for every part of who you are" in client.get("/hi/").content.decode()


def test_a_korean_reply_promise_written_by_staff_is_used_in_korean(client, korean):
    practice_with_korean_words(response_time_text="하루 안에")
    assert "하루 안에" in client.get("/ko/contact/").content.decode()


class DemoWordsTests(DemoSiteTestCase):
    def test_the_demo_fills_korean_and_hindi_words(self):
        footer = r'<footer class="site-footer".*?</footer>'
        korean_footer = re.search(footer, self.client.get("/ko/").content.decode(), re.S).group(0)
        self.assertIn("뉴저지", korean_footer)
        self.assertIn("월요일", korean_footer)
        hindi_footer = re.search(footer, self.client.get("/hi/").content.decode(), re.S).group(0)
        self.assertIn("सोमवार", hindi_footer)
        self.assertIn("Monday", re.search(footer, self.client.get("/").content.decode(), re.S).group(0))


def test_staff_find_the_other_languages_beside_the_english_settings(client, site_tree):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("owner", "owner@example.org", "pw"))
    html = client.get(
        f"/admin/settings/practice/practicesettings/{PracticeSettings.load().pk}/"
    ).content.decode()
    assert "In other languages" in html
    assert "A field left empty shows the English one." in html
    assert 'name="wordings-TOTAL_FORMS"' in html


def person_cards(html):
    return re.findall(r'<article class="card card--person">.*?</article>', html, re.S)


def card_titles(html):
    return [
        re.search(r'<a class="card__link" href="[^"]*">([^<]+)</a>', card).group(1)
        for card in person_cards(html)
    ]


class SpeakersFirstTests(DemoSiteTestCase):
    def test_the_korean_home_lists_the_korean_speaking_clinician_first_saying_so(self):
        self.assertEqual(card_titles(self.client.get("/").content.decode())[0], "Anjali Mehta")
        html = self.client.get("/ko/").content.decode()
        self.assertEqual(card_titles(html)[0], "Grace Kim")
        cards = person_cards(html)
        self.assertIn('<p class="card__speaks">사용 언어: 한국어</p>', cards[0])
        self.assertNotIn("card__speaks", "".join(cards[1:]))
        self.assertNotIn("card__speaks", self.client.get("/").content.decode())

    def test_the_hindi_home_lists_the_hindi_speaking_clinician_first_saying_so(self):
        html = self.client.get("/hi/").content.decode()
        self.assertEqual(card_titles(html)[0], "Anjali Mehta")
        self.assertIn('<p class="card__speaks">भाषा: हिंदी</p>', html)

    def test_the_korean_team_page_lists_korean_speakers_first(self):
        titles = card_titles(self.client.get("/ko/team/").content.decode())
        self.assertEqual(titles[0], "Grace Kim")
        self.assertEqual(card_titles(self.client.get("/team/").content.decode())[0], "Anjali Mehta")
