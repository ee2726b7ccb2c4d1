"""The full-page cache, its invalidation and the HTTP caching headers, as a visitor sees them.

On the demo site: an anonymous visitor's second visit is answered from the cache without a
query; staff, the forms, search and personal responses never are; every kind of content edit
shows on the pages that display it at once; pages go out with Cache-Control, ETag and gzip.
"""

import gzip
import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from blog.models import ArticlePage, Category
from practice.models import NavigationSettings, PracticeSettings
from tests.practice.demo_case import DemoSiteTestCase

ARTICLE = "/blog/healing-from-trust-issues/"
PUBLIC = [
    "/",
    "/blog/",
    ARTICLE,
    "/blog/category/managing-stress/",
    "/blog/feed/",
    "/sitemap.xml",
    "/robots.txt",
]


def title(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


class PageCacheTests(DemoSiteTestCase):
    def visit(self, url, **headers):
        return self.client.get(url, headers=headers)

    def test_a_second_anonymous_visit_is_a_hit_that_costs_no_query(self):
        for url in PUBLIC:
            with self.subTest(url=url):
                first = self.visit(url)
                self.assertEqual(first.status_code, 200)
                self.assertEqual(first["X-Cache"], "MISS")
                with CaptureQueriesContext(connection) as queries:
                    second = self.visit(url)
                self.assertEqual(second["X-Cache"], "HIT")
                self.assertEqual(len(queries), 0)
                self.assertEqual(second.content, first.content)
                self.assertEqual(second["Content-Type"], first["Content-Type"])

    def test_head_is_answered_from_the_cache_too(self):
        self.visit(ARTICLE)
        response = self.client.head(ARTICLE)
        self.assertEqual(response["X-Cache"], "HIT")
        self.assertEqual(response.content, b"")

    def test_campaign_parameters_share_the_entry_and_other_parameters_do_not(self):
        self.visit("/blog/")
        self.assertEqual(self.visit("/blog/?utm_source=mail&fbclid=x&gclid=y&mc_cid=z")["X-Cache"], "HIT")
        self.assertEqual(self.visit("/blog/?page=2")["X-Cache"], "MISS")
        self.assertEqual(self.visit("/blog/?page=2&utm_medium=social")["X-Cache"], "HIT")

    def test_not_found_is_cached_and_says_404(self):
        self.visit("/no-such-page/")
        response = self.visit("/no-such-page/")
        self.assertEqual((response.status_code, response["X-Cache"]), (404, "HIT"))

    def test_staff_forms_search_admin_and_posts_are_never_cached(self):
        for url in ["/contact/", "/contact/intake/", "/search/?q=trust", "/admin/login/"]:
            with self.subTest(url=url):
                self.visit(url)
                self.assertNotIn("X-Cache", self.visit(url))
        self.visit(ARTICLE)
        self.client.cookies["sessionid"] = "anything"
        self.assertNotIn("X-Cache", self.visit(ARTICLE))

    def test_a_signed_in_editor_sees_a_fresh_page_not_the_visitors_copy(self):
        self.visit("/")
        editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-1234-long")
        self.client.force_login(editor)
        self.assertNotIn("X-Cache", self.visit("/"))

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_zero_seconds_turns_the_cache_off(self):
        self.visit(ARTICLE)
        self.assertNotIn("X-Cache", self.visit(ARTICLE))

    # HTTP caching ------------------------------------------------------------------------

    def test_public_pages_let_shared_caches_keep_them_and_answer_304(self):
        for state in ("MISS", "HIT"):
            with self.subTest(state=state):
                response = self.visit(ARTICLE, accept_encoding="identity")
                self.assertEqual(response["X-Cache"], state)
                cache_control = response["Cache-Control"]
                self.assertIn("public", cache_control)
                self.assertRegex(cache_control, r"(^|, )max-age=\d+")
                self.assertRegex(cache_control, r"s-maxage=\d+")
                etag = response["ETag"]
                self.assertEqual(self.visit(ARTICLE, if_none_match=etag).status_code, 304)
        # A miss answers a conditional GET as well.
        etag = self.visit("/blog/")["ETag"]
        ArticlePage.objects.get(slug="healing-from-trust-issues").save_revision().publish()
        revalidated = self.visit("/blog/", if_none_match=etag)
        self.assertEqual((revalidated.status_code, revalidated["X-Cache"]), (304, "MISS"))

    def test_form_pages_are_private(self):
        for url in ["/contact/", "/contact/intake/"]:
            with self.subTest(url=url):
                self.assertRegex(self.visit(url)["Cache-Control"], "no-store|private")

    def test_html_is_gzipped_for_clients_that_accept_it_but_not_pages_with_secrets(self):
        plain = self.visit(ARTICLE).content
        for state in ("MISS", "HIT"):
            self.client.logout()
            response = self.visit("/blog/" if state == "MISS" else ARTICLE, accept_encoding="gzip, br")
            if state == "HIT":
                self.assertEqual(response["Content-Encoding"], "gzip")
                self.assertEqual(gzip.decompress(response.content), plain)
                self.assertLess(len(response.content), len(plain) / 2)
            self.assertIn("Accept-Encoding", response["Vary"])
        for url in ["/contact/", "/contact/intake/", "/admin/login/"]:
            with self.subTest(url=url):
                self.assertFalse(self.visit(url, accept_encoding="gzip").has_header("Content-Encoding"))

    # Invalidation --------------------------------------------------------------------------

    def assert_changes(self, urls, edit, expect):
        for url in urls:
            self.visit(url)
            self.assertEqual(self.visit(url)["X-Cache"], "HIT", url)
        edit()
        for url in urls:
            with self.subTest(url=url):
                html = self.visit(url).content.decode()
                self.assertTrue(expect(html), f"{url} still shows the old content")

    def test_publishing_unpublishing_moving_and_deleting_pages_show_at_once(self):
        article = ArticlePage.objects.get(slug="healing-from-trust-issues")

        def publish():
            article.title = "Trust, revised"
            article.save_revision().publish()

        self.assert_changes([ARTICLE, "/blog/", "/"], publish, lambda html: "Trust, revised" in html)
        self.assertEqual(title(self.visit(ARTICLE)), "Trust, revised")

        self.assert_changes(["/blog/"], article.unpublish, lambda html: ARTICLE not in html)
        self.assertEqual(self.visit(ARTICLE).status_code, 404)
        article.refresh_from_db()
        article.save_revision().publish()

        fees, team = (
            Page.objects.get(slug="fees-and-insurance", locale__language_code="en"),
            Page.objects.get(slug="team"),
        )
        self.assert_changes(
            ["/", ARTICLE, fees.url],
            lambda: fees.move(team, pos="last-child"),
            lambda html: 'href="/fees-and-insurance/"' not in html,
        )
        moved = Page.objects.get(pk=fees.pk)
        self.assertRedirects(self.visit(fees.url), moved.url, status_code=301)  # automatic redirect
        self.assert_changes([moved.url], moved.delete, lambda html: True)
        self.assertEqual(self.visit(moved.url).status_code, 404)

    def test_a_draft_does_not_empty_the_cache(self):
        self.visit(ARTICLE)
        article = ArticlePage.objects.get(slug="healing-from-trust-issues")
        article.title = "A draft nobody sees yet"
        article.save_revision()
        response = self.visit(ARTICLE)
        self.assertEqual(response["X-Cache"], "HIT")
        self.assertNotIn("A draft nobody sees yet", response.content.decode())

    def test_a_settings_row_made_with_its_defaults_does_not_empty_the_cache(self):
        """Wagtail makes a settings row the first time it is read; nothing visible changes."""
        from contact.models import ContactSettings

        self.visit(ARTICLE)
        ContactSettings.objects.all().delete()
        self.visit(ARTICLE)  # a miss: deleting the row was a change
        ContactSettings.load()
        self.assertEqual(self.visit(ARTICLE)["X-Cache"], "HIT")

    def test_editing_a_category_shows_on_its_pages(self):
        category = Category.objects.get(slug="managing-stress")

        def rename():
            category.name = "Stress, gently"
            category.save()

        self.assert_changes(
            [ARTICLE, "/blog/category/managing-stress/"], rename, lambda h: "Stress, gently" in h
        )

    def test_editing_practice_settings_and_navigation_shows_everywhere(self):
        practice = PracticeSettings.load()

        def edit():
            practice.practice_name = "Renamed-For-Test Practice"
            practice.save()

        self.assert_changes(["/", ARTICLE, "/blog/"], edit, lambda html: "Renamed-For-Test" in html)

        navigation = NavigationSettings.load()

        def unlink_notice():
            navigation.privacy_notice_page = None
            navigation.save()

        notice_url = Page.objects.get(pk=NavigationSettings.load().privacy_notice_page_id).url
        self.assert_changes(["/", ARTICLE], unlink_notice, lambda html: f'href="{notice_url}"' not in html)

    def test_editing_an_image_description_shows_on_its_page(self):
        article = ArticlePage.objects.filter(hero_image__isnull=False).live().first()
        image = article.hero_image

        def describe():
            image.description = "A quiet lake at dawn, newly described."
            image.save()

        self.assert_changes(
            [article.url], describe, lambda html: "A quiet lake at dawn, newly described." in html
        )

    def test_signing_in_does_not_empty_the_cache(self):
        self.visit(ARTICLE)
        user = get_user_model().objects.create_user("someone", "s@example.org", "pw-1234-long")
        self.client.force_login(user)  # saves last_login and a session
        self.client.logout()
        self.assertEqual(self.visit(ARTICLE)["X-Cache"], "HIT")
