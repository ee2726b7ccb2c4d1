"""Media on object storage: with MEDIA_BUCKET set, images, renditions and documents live in the
bucket; images load in pages from plain URLs, private documents stay private.

Runs against a real S3 API (moto's server, started here on a loopback port).
"""

import html
import io
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.practice.s3 import PUBLIC_MEDIA_PREFIXES, S3Server, fetch, media_settings, settings_from_environ

IMAGE_MAGIC = (b"\xff\xd8\xff", b"RIFF", b"\x00\x00\x00")  # JPEG, WebP, AVIF (ISO box)


@pytest.fixture(scope="module")
def s3():
    with S3Server() as server:
        yield server


@pytest.fixture
def bucket(s3):
    return s3.create_bucket(f"media-{uuid.uuid4().hex[:12]}", public_prefixes=PUBLIC_MEDIA_PREFIXES)


@pytest.fixture
def media(s3, bucket):
    with media_settings(s3.environ(bucket)) as configured:
        yield configured


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-unused-here")
    client.force_login(user)
    return user


def jpeg_upload(name="garden.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1400, 900), (200, 120, 90)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def upload_image(client, title="Garden"):
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": title, "description": "A quiet garden in warm light.", "file": jpeg_upload()},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


def image_urls(page_html):
    """Every URL in the page's <img src> and <source srcset>."""
    urls = []
    for attr, value in re.findall(r'\b(src|srcset)="([^"]+)"', page_html):
        candidates = value.split(",") if attr == "srcset" else [value]
        urls += [html.unescape(candidate.strip().split(" ")[0]) for candidate in candidates]
    return urls


def test_without_a_bucket_media_stays_on_the_local_disk():
    configured = settings_from_environ({"MEDIA_BUCKET": ""})
    assert configured["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert configured["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"


def test_a_bucket_makes_s3_the_default_storage_with_no_public_acls(s3, bucket):
    configured = settings_from_environ({**s3.environ(bucket), "MEDIA_CUSTOM_DOMAIN": "media.example.org"})
    default = configured["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == bucket
    assert options["endpoint_url"] == s3.endpoint_url
    assert options["custom_domain"] == "media.example.org"
    assert "https://media.example.org" in configured["SECURE_CSP"]["img-src"]
    assert options["default_acl"] is None
    # Plain URLs: a page kept in a cache must not carry links that expire.
    assert options["querystring_auth"] is False


@override_settings(RENDITIONS_AHEAD=True)
def test_an_uploaded_image_and_its_renditions_live_in_the_bucket_and_load_in_the_page(
    s3, bucket, media, editor, client, site_tree
):
    image = upload_image(client)
    keys = s3.keys(bucket)
    assert image.file.name in keys
    renditions = list(image.renditions.all())
    assert renditions, "renditions are made when the image is uploaded"
    assert {rendition.file.name for rendition in renditions} <= keys

    home = site_tree.home
    home.hero_image = image
    home.save_revision().publish()
    client.logout()
    response = client.get("/")
    assert response.status_code == 200
    urls = [url for url in image_urls(response.text) if url.startswith(s3.endpoint_url)]
    assert len(urls) >= 6, "the hero's <img> and <source> URLs point at the bucket"
    # The browser may load them: the Content-Security-Policy allows the bucket's origin.
    img_src = re.search(r"img-src ([^;]*)", response["Content-Security-Policy"]).group(1).split()
    assert s3.endpoint_url in img_src
    for url in urls:
        assert "Signature" not in url and "X-Amz" not in url
        status, content_type, body = fetch(url)
        assert status == 200, url
        assert content_type.startswith("image/"), url
        assert body.startswith(IMAGE_MAGIC), url
    assert image.file.name.startswith("original_images/")
    assert fetch(f"{s3.endpoint_url}/{bucket}/{image.file.name}")[0] == 200


@pytest.fixture
def private_document(media, db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Clinical forms")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Intake form", collection=private)
    document.file.save("intake-form.pdf", ContentFile(b"%PDF-1.4 private intake form"), save=True)
    return document


def test_a_private_document_is_neither_in_a_public_url_nor_served_to_anonymous_visitors(
    s3, bucket, private_document, client, django_user_model
):
    name = private_document.file.name
    assert name in s3.keys(bucket)
    assert fetch(default_storage.url(name))[0] == 403
    assert fetch(f"{s3.endpoint_url}/{bucket}/{name}")[0] == 403

    anonymous = client.get(private_document.url)
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]

    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "pw"))
    signed_in = client.get(private_document.url)
    assert signed_in.status_code == 200, "streamed by Wagtail's view, not a redirect into the bucket"
    assert b"".join(signed_in.streaming_content) == b"%PDF-1.4 private intake form"


def test_a_public_document_is_streamed_by_the_site_not_linked_into_the_bucket(s3, bucket, media, client, db):
    document = get_document_model()(title="Fees")
    document.file.save("fees.txt", ContentFile(b"Sliding scale fees."), save=True)
    assert fetch(f"{s3.endpoint_url}/{bucket}/{document.file.name}")[0] == 403
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Sliding scale fees."


def test_on_the_local_disk_document_files_are_not_served_as_media(client, db, tmp_path, settings):
    """Only Wagtail's document view serves a document, so its collection's privacy always applies."""
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    private = root.add_child(name="Clinical forms")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Intake form", collection=private)
    document.file.save("intake-form.pdf", ContentFile(b"%PDF-1.4 private intake form"), save=True)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(document.url).status_code == 302
