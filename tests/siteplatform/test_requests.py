"""Requests that must not hurt: odd methods, charsets and sizes get a clear answer, never a 500."""

import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.test import Client

from contact.models import Submission
from tests.contact.factories import contact_post_data

pytestmark = pytest.mark.django_db

CSRF_COOKIE = "abcdefghijklmnopqrstuvwxyzABCDEF"
LATIN_1_FORM = "application/x-www-form-urlencoded; charset=latin-1"


def strict_client():
    """A client that checks CSRF as browsers meet it, with the cookie a curl user would send."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = CSRF_COOKIE
    return client


def assert_site_error_page(response, status):
    html = response.content.decode()
    assert response.status_code == status, html[:300]
    assert "988" in html and "1-855-654-6735" in html  # the crisis notice
    assert 'class="skip-link"' in html and "<h1>" in html
    # Someone may be looking over the visitor's shoulder on an error page too.
    assert '<a class="quick-exit__button" href="https://www.weather.gov/"' in html
    assert "js/quick-exit.js" in html


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/search/?q=therapy", "/"])
def test_head_works_wherever_get_does(client, site_tree, path):
    assert client.get(path).status_code == 200
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("path", ["/contact/", "/search/", "/blog/", "/admin/login/"])
def test_a_post_in_a_charset_python_cannot_parse_gets_the_sites_400_page(site_tree, path):
    response = strict_client().generic("POST", path, b"a=b", content_type=LATIN_1_FORM)
    assert_site_error_page(response, 400)


@pytest.mark.parametrize("charset", ["utf8", "UTF-8", "utf_8", "ascii", "us-ascii"])
def test_a_contact_form_declared_in_a_utf_8_alias_or_ascii_is_accepted(client, site_tree, charset):
    """ASCII is a subset of UTF-8 and `utf8` is its common alias: the form is read, not refused."""
    response = client.generic(
        "POST",
        "/contact/",
        urlencode(contact_post_data()).encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 302, response.content.decode()[:300]
    assert Submission.objects.count() == 1


def test_make_run_in_debug_mode_answers_400_too(site_tree, settings):
    """DEBUG's error page reads the body again; the request is answered before it gets there."""
    settings.DEBUG = True
    response = strict_client().generic("POST", "/contact/", b"a=b", content_type=LATIN_1_FORM)
    assert_site_error_page(response, 400)


def test_the_400_page_is_what_gunicorn_answers_too(live_site):
    request = urllib.request.Request(
        f"{live_site.url}/contact/",
        data=b"a=b",
        headers={"Content-Type": LATIN_1_FORM, "Cookie": f"csrftoken={CSRF_COOKIE}"},
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310 - the local live site
    assert answer.value.code == 400
    html = answer.value.read().decode()
    assert "988" in html and "1-855-654-6735" in html


def test_a_large_file_part_to_the_contact_form_is_refused_unread(client, site_tree):
    big = b"%PDF-" + b"x" * (12 * 1024 * 1024)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {**contact_post_data(), "attachment": SimpleUploadedFile("scan.pdf", big, "application/pdf")}
    response = Client(raise_request_exception=False).post("/contact/", data)
    assert_site_error_page(response, 413)
    assert Submission.objects.count() == 0


def test_a_long_form_body_is_refused_on_public_pages_but_not_in_the_admin(site_tree):
    client = Client(raise_request_exception=False)
    long_message = contact_post_data(message="m" * 1_000_000)
    assert_site_error_page(client.post("/contact/intake/", long_message), 413)
    # The admin keeps Django's larger limits (page bodies, image uploads): the login form answers.
    response = client.post("/admin/login/", {"username": "x" * 1_000_000, "password": "y"})
    assert response.status_code == 200


def test_an_ordinary_message_still_goes_through(client, site_tree):
    assert client.post("/contact/", contact_post_data()).status_code == 302


@pytest.mark.parametrize(("template", "status"), [("400.html", 400), ("413.html", 413), ("500.html", 500)])
def test_every_error_page_has_the_site_frame_and_the_exit(template, status):
    from siteplatform.views import error_page

    assert_site_error_page(error_page(template, status), status)
