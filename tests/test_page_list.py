"""The page list `make screenshots` and `make lighthouse` go through (livesite/pages.py) answers
on the demo content: every public page 200, the forms' error states, the 404, the admin screens.
No browser: the Django test client against the demo."""

from django.contrib.auth import get_user_model
from django.test import override_settings

from livesite.pages import ADMIN_ARTICLE_SLUG, ADMIN_SCREENS, FORMS, NOT_FOUND, PUBLIC_PAGES
from tests.contact.factories import ConsultationRequestFactory
from tests.practice.demo_case import DemoSiteTestCase


@override_settings(PAGE_CACHE_SECONDS=0)
class PageListTests(DemoSiteTestCase):
    def test_every_public_page_type_answers_200(self):
        for name, path in PUBLIC_PAGES.items():
            with self.subTest(name):
                self.assertEqual(self.client.get(path).status_code, 200, path)

    def test_the_forms_sent_empty_show_their_errors(self):
        for name, path in FORMS.items():
            with self.subTest(name):
                response = self.client.post(path, {})
                self.assertEqual(response.status_code, 400)  # the form again, with its errors
                self.assertTrue(response.context["form"].errors)

    def test_the_not_found_page_is_a_404(self):
        self.assertEqual(self.client.get(NOT_FOUND).status_code, 404)

    def test_the_admin_screens_answer_for_staff(self):
        from wagtail.models import Page

        ids = {
            "enquiry": ConsultationRequestFactory().pk,
            "article": Page.objects.get(slug=ADMIN_ARTICLE_SLUG).pk,
        }
        self.client.force_login(get_user_model().objects.create_superuser("shots", "shots@example.org", "x"))
        for name, path in ADMIN_SCREENS.items():
            with self.subTest(name):
                self.assertEqual(self.client.get(path.format(**ids)).status_code, 200)
