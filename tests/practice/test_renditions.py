"""Renditions are made ahead of visitors: on upload and when the demo loads, never on a page view."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from practice.images import RENDITION_SPECS

ROOT = Path(__file__).resolve().parents[2]
IMAGE_TAG = re.compile(r"{%\s*(?:image|picture|srcset_image)\s+(.*?)%}")


def template_specs():
    """(template, spec) for every image tag in templates/, the spec written as in the tag."""
    for template in sorted((ROOT / "templates").rglob("*.html")):
        for arguments in IMAGE_TAG.findall(template.read_text()):
            _image, *bits = arguments.split()
            spec = []
            for bit in bits:
                if "=" in bit or bit == "as":
                    break
                spec.append(bit)
            yield template.relative_to(ROOT), " ".join(spec)


def test_every_spec_a_template_uses_is_made_ahead():
    used = list(template_specs())
    assert used, "the templates show images"
    missing = [(str(template), spec) for template, spec in used if spec not in RENDITION_SPECS]
    assert not missing, f"add these to practice.images.RENDITION_SPECS: {missing}"


def test_the_social_card_spec_is_made_ahead():
    from practice.structured_data import SOCIAL_IMAGE_SPEC

    assert SOCIAL_IMAGE_SPEC in RENDITION_SPECS


def upload_image(client, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1400, 900), (120, 90, 200)).save(buffer, "JPEG")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "description": "Soft light on a window sill.",
            "file": ContentFile(buffer.getvalue(), "sill.jpg"),
        },
    )
    assert response.status_code == 302
    return get_image_model().objects.get(title=title)


@pytest.fixture
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, RENDITIONS_AHEAD=True):
        yield tmp_path


def test_after_an_upload_showing_the_image_makes_no_rendition(media_root, client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    image = upload_image(client, "Window sill")
    home = site_tree.home
    home.hero_image = image
    home.save_revision().publish()
    client.logout()

    before = Rendition.objects.count()
    response = client.get("/")
    assert response.status_code == 200
    assert image.renditions.exists() and "<picture" in response.text
    assert Rendition.objects.count() == before, "a visitor waited for a rendition"


def test_after_an_image_file_is_replaced_showing_it_makes_no_rendition(media_root, client, site_tree):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    image = upload_image(client, "Window sill")
    home = site_tree.home
    home.hero_image = image
    home.save_revision().publish()
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (30, 140, 90)).save(buffer, "JPEG")
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Window sill",
            "description": "Soft light on a window sill, in spring.",
            "file": ContentFile(buffer.getvalue(), "sill-spring.jpg"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()

    before = Rendition.objects.count()
    assert client.get("/").status_code == 200
    assert Rendition.objects.count() == before, "a visitor waited for a rendition"


def test_the_first_home_page_request_after_loading_the_demo_makes_no_rendition(media_root, client, db):
    # Images that predate renditions-ahead (an earlier load) get theirs when the demo loads again.
    with override_settings(RENDITIONS_AHEAD=False):
        call_command("load_demo_content", stdout=io.StringIO())
    assert not Rendition.objects.exists()
    call_command("load_demo_content", stdout=io.StringIO())

    before = Rendition.objects.count()
    assert client.get("/").status_code == 200
    assert Rendition.objects.count() == before, "a visitor waited for a rendition"
