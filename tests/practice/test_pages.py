"""Every practice page type renders inside the site frame with its notices."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_one_h1_title_description_canonical_and_crisis_notice(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r"<title>[^<]+\| We Rise Therapy and Wellness</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    # Canonical URLs name the site's configured host, whatever host the request used.
    assert re.search(rf'<link rel="canonical" href="https?://[^/"]+{re.escape(url)}">', html)
    assert "988" in html and "1-855-654-6735" in html
    assert "Notice of Privacy Practices</a>" in html and "Good Faith Estimate</a>" in html


def test_service_page_shows_approaches_formats_faqs_and_intake_link(client, demo):
    html = client.get("/services/individual-therapy-for-relationship-issues/").content.decode()
    assert "Cognitive Behavioral Therapy (CBT)" in html
    assert "In person and telehealth" in html.replace(
        "Offered in person and telehealth", "In person and telehealth"
    )
    assert "<summary>Will you tell me to cut off my family?</summary>" in html
    assert 'href="/contact/intake/?service=individual-therapy-for-relationship-issues"' in html


def test_clinician_page_shows_licence_and_availability(client, demo):
    html = client.get("/team/nia-okafor/").content.decode()
    assert "NJ licence no. 37FI00122800" in html
    assert "Not accepting new clients right now" in html
    assert "Work with Nia Okafor" not in html


def test_unpublished_pages_are_not_served(client, demo):
    from practice.models import ServicePage

    ServicePage.objects.get(slug="anxiety-therapy").unpublish()
    assert client.get("/services/anxiety-therapy/").status_code == 404
    assert "Anxiety therapy" not in client.get("/services/").content.decode()


def test_404_page_uses_the_site_frame(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn’t find that page" in html and "988" in html and 'class="skip-link"' in html


def test_demo_content_is_idempotent(demo):
    from wagtail.images.models import Image
    from wagtail.models import Page

    before = (Page.objects.count(), Image.objects.count())
    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Page.objects.count(), Image.objects.count()) == before


def test_demo_images_are_small_and_described(demo):
    from wagtail.images.models import Image

    for image in Image.objects.all():
        assert image.description, image.title
        assert image.file.size < 80_000, (image.title, image.file.size)
