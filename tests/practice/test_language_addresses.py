"""Languages at routing depth (issue 18): Wagtail's own page view and hooks serve every language,
and a page's address in a language follows one rule, fed by the request alone."""

from contextvars import ContextVar

import pytest
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale

from accounts.views import front_end_login
from siteplatform import i18n

pytestmark = pytest.mark.django_db


def request_for(path, language):
    """A request as Django's LocaleMiddleware leaves it: its language is its address's."""
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = language
    return request


def test_no_language_is_kept_outside_the_request():
    assert not [name for name, value in vars(i18n).items() if isinstance(value, ContextVar)]


def test_a_pages_address_depends_on_the_requests_language_only(site_tree):
    team = site_tree.team
    with translation.override("hi"):  # whatever the thread's language, the request's decides
        assert team.get_url(request_for("/ko/", "ko")) == "/ko/team/"
        assert team.get_url(request_for("/", "en")) == "/team/"
    with translation.override("ko"):
        assert team.get_url(request_for("/hi/services/", "hi")) == "/hi/team/"


def test_without_a_request_a_page_is_linked_at_its_own_address(site_tree):
    """A task, a purge or an email: no visitor's language to follow, whatever is active."""
    with translation.override("ko"):
        assert site_tree.team.get_url() == "/team/"
        assert site_tree.team.url == "/team/"
        assert "/ko/" not in site_tree.team.full_url


def test_the_admin_links_pages_at_their_own_address(site_tree):
    assert site_tree.team.get_url(request_for("/admin/pages/", "ko")) == "/team/"


def test_a_translation_keeps_its_own_address_in_every_language(korean):
    korean_services = korean.services.get_translation(Locale.objects.get(language_code="ko"))
    assert korean_services.get_url(request_for("/hi/", "hi")) == "/ko/services/"
    assert korean_services.get_url(request_for("/", "en")) == "/ko/services/"


def test_pages_in_every_language_are_served_by_wagtails_own_view():
    with translation.override("ko"):
        assert resolve("/ko/team/").func is wagtail_views.serve
    assert resolve("/team/").func is wagtail_views.serve


def test_wagtails_serve_hooks_run_for_a_page_served_as_the_english_fallback(client, korean):
    served = []

    def before_serve(page, request, args, kwargs):
        served.append((page.pk, request.translation_fallback["visitor_language"]))

    with hooks.register_temporarily("before_serve_page", before_serve):
        assert client.get("/ko/team/").status_code == 200
    assert served == [(korean.team.pk, "ko")]


def test_the_signed_in_pages_door_is_the_throttled_one_in_every_language():
    for path, language in (("/_util/login/", "en"), ("/ko/_util/login/", "ko")):
        with translation.override(language):
            assert resolve(path).func is front_end_login
