"""Languages (issues 12 and 20): the demo's Korean and Hindi pages, live and awaiting review,
their translation reviews in the admin, and the public translation credit."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from practice.demo import translations as demo_translations
from practice.models import HomePage, ServicePage, ServicesIndexPage, StandardPage, TranslationReview
from tests.practice.demo_case import DemoSiteTestCase

LANGUAGES = {"ko": "Korean", "hi": "Hindi"}


def main_tag(html):
    return re.search(r"<main\b[^>]*>", html).group(0)


def demo_originals():
    return [
        HomePage.objects.get(locale__language_code="en"),
        ServicesIndexPage.objects.get(locale__language_code="en"),
        ServicePage.objects.get(locale__language_code="en", slug=demo_translations.SERVICE_SLUG),
        StandardPage.objects.get(locale__language_code="en", slug="fees-and-insurance"),
    ]


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="[a-z]+://[^/]+([^"]*)">', html))


class DemoTranslationTests(DemoSiteTestCase):
    def test_each_page_is_published_in_korean_and_hindi_still_awaiting_review(self):
        for code, name in LANGUAGES.items():
            locale = Locale.objects.get(language_code=code)
            for original in demo_originals():
                translated = original.get_translation_or_none(locale)
                self.assertIsNotNone(translated, f"{original.title} has no {code} translation")
                self.assertTrue(translated.live, f"{original.title} ({code}) should be live")
                self.assertFalse(translated.has_unpublished_changes, f"{original.title} ({code})")
                self.assertIsNone(translated.alias_of_id)
                self.assertNotEqual(translated.title, original.title)
                review = TranslationReview.objects.get(page=translated)
                self.assertEqual(review.translated_by, demo_translations.DEMO_TRANSLATOR)
                self.assertEqual(review.reviewed_by, "")
                self.assertEqual(review.status, f"Awaiting review by a clinician who speaks {name}")

    def test_pages_and_forms_list_their_korean_and_hindi_versions(self):
        for path in ("/", "/services/", "/contact/", "/contact/intake/"):
            links = hreflangs(self.client.get(path).content.decode())
            self.assertEqual(
                links,
                {"en": path, "ko": f"/ko{path}", "hi": f"/hi{path}", "x-default": path},
                path,
            )

    def test_korean_and_hindi_visitors_read_their_language(self):
        headings = {
            "/ko/": "<h1>모든 짐을 혼자 짊어지지 않아도 괜찮아요</h1>",
            "/ko/services/": "<h1>상담 서비스</h1>",
            "/ko/contact/": "<h1>문의하기</h1>",
            "/ko/contact/intake/": "<h1>무료 상담 신청하기</h1>",
            "/hi/": "<h1>आपको सारा बोझ अकेले नहीं उठाना है</h1>",
            "/hi/services/": "<h1>सेवाएँ</h1>",
            "/hi/contact/": "<h1>हमसे संपर्क करें</h1>",
            "/hi/contact/intake/": "<h1>मुफ़्त परामर्श के लिए अनुरोध करें</h1>",
        }
        for path, heading in headings.items():
            response = self.client.get(path)
            self.assertEqual(response.status_code, 200, path)
            html = response.content.decode()
            self.assertIn(heading, html, path)
            self.assertNotIn('class="translation-note"', html, path)
            self.assertNotIn('lang="en"', main_tag(html), path)

    def test_translations_are_made_in_wagtail_localize_with_every_segment_translated(self):
        locale = Locale.objects.get(language_code="ko")
        for original in demo_originals():
            source = TranslationSource.objects.get_for_instance(original)
            self.assertTrue(Translation.objects.filter(source=source, target_locale=locale).exists())
            segments = StringSegment.objects.filter(source=source)
            translated = StringTranslation.objects.filter(
                locale=locale,
                has_error=False,
                translation_of__in=segments.values("string"),
                context__in=segments.values("context"),
            )
            self.assertEqual(translated.count(), segments.count(), original.title)

    def test_korean_text_is_in_the_draft(self):
        ko = Locale.objects.get(language_code="ko")
        home = HomePage.objects.get(locale=ko)
        self.assertEqual(home.hero_heading, "모든 짐을 혼자 짊어지지 않아도 괜찮아요")
        fees = StandardPage.objects.get(locale=ko, slug="fees-and-insurance")
        self.assertEqual(fees.title, "비용 및 보험")
        self.assertIn("<strong>신청 방법:</strong>", str(fees.body))
        hi = Locale.objects.get(language_code="hi")
        self.assertEqual(StandardPage.objects.get(locale=hi, slug="fees-and-insurance").title, "फ़ीस और बीमा")

    def test_a_service_served_in_english_under_ko_links_its_finder_under_ko(self):
        """The link is built for the request (issue 18), not from the thread's language."""
        html = self.client.get("/ko/services/anxiety-therapy/").content.decode()
        self.assertIn('href="/ko/team/?service=anxiety-therapy"', html)
        self.assertIn(
            'href="/team/?service=anxiety-therapy"',
            self.client.get("/services/anxiety-therapy/").content.decode(),
        )

    def test_loading_again_changes_nothing(self):
        pages, reviews = Page.objects.count(), TranslationReview.objects.count()
        revisions = sum(page.revisions.count() for page in Page.objects.exclude(locale__language_code="en"))
        out = io.StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn("0 pages translated, 0 published", out.getvalue())
        self.assertEqual(Page.objects.count(), pages)
        self.assertEqual(TranslationReview.objects.count(), reviews)
        self.assertEqual(
            sum(page.revisions.count() for page in Page.objects.exclude(locale__language_code="en")),
            revisions,
        )

    def test_a_page_an_editor_changed_is_left_untranslated(self):
        ko = Locale.objects.get(language_code="ko")
        fees = StandardPage.objects.get(locale__language_code="en", slug="fees-and-insurance")
        fees.get_translation(ko).delete()
        editor = self.make_user("editor", "Editors")
        fees.intro = "Our own words."
        fees.save_revision(user=editor).publish()
        out = io.StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn("changed by staff: Fees & insurance (ko)", out.getvalue())
        self.assertIsNone(fees.get_translation_or_none(ko))

    # The admin listing

    def make_user(self, username, *groups):
        user = get_user_model().objects.create_user(username, password="pw")
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    def test_a_moderator_sees_the_reviews_awaiting_a_clinician(self):
        self.client.force_login(self.make_user("moderator", "Moderators"))
        response = self.client.get(reverse("translation_reviews:index"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Awaiting review by a clinician who speaks Korean", html)
        self.assertIn("Awaiting review by a clinician who speaks Hindi", html)
        self.assertIn("비용 및 보험", html)
        self.assertIn(demo_translations.DEMO_TRANSLATOR, html)

    def test_an_editor_continues_in_wagtail_localizes_translation_editor(self):
        self.client.force_login(self.make_user("editor", "Editors"))
        page = Page.objects.get(locale__language_code="hi", slug="fees-and-insurance")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("translation-editor", response.content.decode())

    def test_an_editor_records_a_clinicians_review(self):
        self.client.force_login(self.make_user("editor", "Editors"))
        review = TranslationReview.objects.get(page__locale__language_code="ko", page__slug="services")
        url = reverse("translation_reviews:edit", args=[review.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {
                "page": review.page_id,
                "translated_by": review.translated_by,
                "reviewed_by": "Grace Kim, LPC",
                "reviewed_at": "2026-11-20",
                "notes": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        review.refresh_from_db()
        self.assertEqual(review.status, "Reviewed by Grace Kim, LPC on November 20, 2026")
        html = self.client.get(reverse("translation_reviews:index")).content.decode()
        self.assertIn("Reviewed by Grace Kim, LPC on November 20, 2026", html)

    def test_a_review_needs_both_the_reviewer_and_the_date(self):
        review = TranslationReview.objects.filter(page__locale__language_code="hi").first()
        review.reviewed_by = "Anjali Mehta, LCSW"
        with self.assertRaises(Exception) as raised:
            review.full_clean()
        self.assertIn("reviewed_at", raised.exception.message_dict)

    def test_staff_without_the_permission_are_refused(self):
        user = self.make_user("someone")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(user)
        review = TranslationReview.objects.first()
        for url in (
            reverse("translation_reviews:index"),
            reverse("translation_reviews:edit", args=[review.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 403, url)
        self.assertNotIn(b"Translation reviews", self.client.get(reverse("wagtailadmin_home")).content)

    # The public credit

    def credit(self, page, language):
        with translation.override(language):
            return render_to_string("components/translation_credit.html", {"page": page}).strip()

    def test_the_credit_shows_only_once_a_clinician_has_reviewed_the_page(self):
        page = Page.objects.get(locale__language_code="ko", slug="services").specific
        self.assertEqual(self.credit(page, "ko"), "")
        review = page.translation_review
        review.reviewed_by = "Grace Kim, LPC"
        review.reviewed_at = datetime.date(2026, 11, 20)
        review.save()
        page = Page.objects.get(pk=page.pk).specific
        credit = self.credit(page, "ko")
        self.assertIn('class="translation-credit"', credit)
        self.assertIn(demo_translations.DEMO_TRANSLATOR, credit)
        self.assertIn("Grace Kim, LPC", credit)
        self.assertIn("2026", credit)

    def test_the_credit_costs_no_query_on_english_pages(self):
        home = HomePage.objects.get(locale__language_code="en")
        with self.assertNumQueries(0):
            self.assertEqual(self.credit(home, "en"), "")


class DraftDemoTranslationTests(DemoSiteTestCase):
    """`load_demo_content --draft-translations`: the demo's translations wait as drafts, the way
    a translation made in the admin starts."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", draft_translations=True, stdout=io.StringIO())

    def test_the_translations_are_drafts_awaiting_review(self):
        reviews = TranslationReview.objects.select_related("page")
        self.assertEqual(len(reviews), 8)
        for review in reviews:
            self.assertFalse(review.page.live)
            self.assertFalse(review.is_reviewed)

    def test_visitors_get_english_with_a_note_while_the_translations_are_drafts(self):
        html = self.client.get("/ko/").content.decode()
        self.assertIn('lang="en"', main_tag(html))
        self.assertIn('class="translation-note"', html)
        self.assertNotIn("모든 짐을 혼자 짊어지지 않아도 괜찮아요", html)
        self.assertEqual(hreflangs(self.client.get("/").content.decode()), {})

    def test_a_later_load_without_the_option_publishes_them(self):
        out = io.StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn("0 pages translated, 8 published", out.getvalue())
        self.assertIn("모든 짐을 혼자 짊어지지 않아도 괜찮아요", self.client.get("/ko/").content.decode())

    def test_a_translation_staff_unpublished_stays_unpublished(self):
        call_command("load_demo_content", stdout=io.StringIO())
        fees = Page.objects.get(locale__language_code="hi", slug="fees-and-insurance")
        fees.unpublish()
        call_command("load_demo_content", stdout=io.StringIO())
        fees.refresh_from_db()
        self.assertFalse(fees.live)


@pytest.mark.django_db
def test_english_text_without_a_translation_stops_the_loader_naming_it(site_tree):
    ko = Locale.objects.get(language_code="ko")
    with pytest.raises(demo_translations.DemoTranslationError) as raised:
        demo_translations.translate(demo_translations.translation_source(site_tree.home), ko)
    message = str(raised.value)
    assert "practice/demo/translations_ko.py" in message
    assert "Therapy that understands where you come from" in message


def test_translating_a_page_in_the_admin_records_who_translated_it_awaiting_review(client, site_tree):
    """An editor's "Translate this page" puts the new translation among the reviews, in the
    translator's name and awaiting a clinician who speaks the language; nobody has to remember
    to add it by hand. Later edits by others keep the first translator."""
    editor = get_user_model().objects.create_user("mina", first_name="Mina", last_name="Park")
    editor.groups.set(Group.objects.filter(name="Editors"))
    ko = Locale.objects.get(language_code="ko")
    client.force_login(editor)

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[site_tree.services.pk]),
        {"locales": [ko.pk]},
    )
    assert response.status_code == 302
    translated = site_tree.services.get_translation(ko)
    review = TranslationReview.objects.get(page=translated)
    assert review.translated_by == "Mina Park"
    assert review.status == "Awaiting review by a clinician who speaks Korean"
    assert not translated.live, "a translation made in the admin starts as a draft"
    index = client.get(reverse("translation_reviews:index")).content.decode()
    assert "Mina Park" in index

    other = get_user_model().objects.create_user("sam")
    translated.save_revision(user=other)
    review.refresh_from_db()
    assert review.translated_by == "Mina Park"
    # The page it was translated from, and the parent wagtail-localize made as an alias, get none.
    site_tree.services.save_revision(user=editor)
    assert TranslationReview.objects.filter(page__locale=ko).count() == 1
