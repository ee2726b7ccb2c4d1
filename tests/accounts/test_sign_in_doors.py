"""Every door that takes a password goes through the throttled sign-in form."""

import inspect
import sys

import pytest
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.forms import QueuedPasswordResetForm, ThrottledLoginForm
from tests.accounts.helpers import PASSWORD, current_code, give_authenticator

pytestmark = pytest.mark.django_db


def walk(patterns, prefix=""):
    """Every (address pattern, view) the URLconf routes to, through every include."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def form_class_of(view):
    instance = view.view_class(**view.view_initkwargs)
    return instance.get_form_class()


def calls_auth_login(view):
    """True when a function view's own code calls django.contrib.auth.login."""
    function = inspect.unwrap(view)
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    module = vars(sys.modules[function.__module__])
    names = set(code.co_names)
    direct = any(module.get(name) is auth.login for name in names)
    through_module = "login" in names and any(module.get(name) is auth for name in names)
    return direct or through_module


def test_every_login_and_password_reset_view_in_the_urlconf_is_throttled():
    views = list(walk(get_resolver().url_patterns))
    assert any(route.startswith("admin/") for route, _ in views)  # the walk reaches included URLconfs
    unthrottled = []
    for route, view in views:
        view_class = getattr(view, "view_class", None)
        if view_class is not None and issubclass(view_class, auth_views.LoginView):
            if not issubclass(form_class_of(view), ThrottledLoginForm):
                unthrottled.append(route)
        elif view_class is not None and issubclass(view_class, auth_views.PasswordResetView):
            if not issubclass(form_class_of(view), QueuedPasswordResetForm):
                unthrottled.append(route)
        elif view_class is None and calls_auth_login(view):
            unthrottled.append(route)
    assert unthrottled == []


def test_the_front_end_sign_in_address_cannot_be_used_to_guess_passwords(client, editor, settings):
    settings.SIGNIN_MAX_FAILURES = 5
    for _ in range(30):
        client.post("/_util/login/", {"username": "editor", "password": "wrong"})
    client.post("/_util/login/", {"username": "editor", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302  # not signed in


def test_a_private_page_sends_visitors_to_the_throttled_sign_in(client, editor, site_tree):
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    private = StandardPageFactory(parent=site_tree.home, title="Staff handbook", slug="staff-handbook")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = client.get(private.url, follow=True)
    assert page.request["PATH_INFO"] == "/admin/login/"
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": page.context["next"]}
    )
    assert response.status_code == 302 and response.url == private.url
    assert "Staff handbook" in client.get(private.url).text


def test_half_signed_in_staff_on_a_private_page_are_asked_for_their_code(
    client, two_factor_required, superuser, site_tree
):
    """Not a loop between the page and the sign-in: the password was given, the code is next."""
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    private = StandardPageFactory(parent=site_tree.home, title="Staff handbook", slug="staff-handbook")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    device = give_authenticator(superuser)
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    page = client.get(private.url, follow=True)
    assert page.request["PATH_INFO"] == "/admin/two-factor/verify/"
    response = client.post(page.request["PATH_INFO"], {"token": current_code(device), "next": private.url})
    assert response.url == private.url
    assert "Staff handbook" in client.get(private.url).text
