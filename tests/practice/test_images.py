"""Images that carry meaning are described: uploads need a description (their alt text), and a
page whose hero, portrait or card image has none cannot be published until it gets one."""

from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import UploadedFile
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from tests.factories import ClinicianPageFactory, ImageFactory
from tests.practice.demo_case import DemoSiteTestCase

pytestmark = pytest.mark.django_db


def png(name="portrait.png"):
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "#c9676b").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def edit_form_data(client, page, **changes):
    """What the page editor's form posts as it stands, with `changes` applied (StreamFields are
    built by script in the browser, so a page with one passes its value in `changes`)."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name, value in changes.items():
        data[name] = value
    return data


def test_uploading_an_image_without_a_description_is_refused_with_a_message(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Portrait", "file": png()})
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == ["This field is required."]
    assert "Read aloud in place of the image by screen readers" in response.content.decode()
    assert not get_image_model().objects.exists()

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Portrait", "file": png(), "description": "A clinician smiling at her desk."},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().description == "A clinician smiling at her desk."


def test_editing_an_image_cannot_remove_its_description(admin_client):
    image = ImageFactory(description="Soft circles in plum and peach.")
    url = reverse("wagtailimages:edit", args=[image.pk])
    response = admin_client.post(
        url, {"title": image.title, "description": "", "collection": image.collection_id}
    )
    assert response.status_code == 200
    image.refresh_from_db()
    assert image.description == "Soft circles in plum and peach."


def test_the_multiple_uploader_asks_for_the_description_before_saving_an_image(admin_client):
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": png()})
    assert response.status_code == 200 and response.json()["success"]
    assert not get_image_model().objects.exists()  # held as an upload until it is described
    assert UploadedFile.objects.count() == 1


def undescribed_image():
    """An image uploaded before descriptions were required."""
    return ImageFactory(title="IMG_2043.jpg", description="")


@pytest.fixture
def clinician(site_tree):
    """A draft clinician page whose portrait has no description."""
    return ClinicianPageFactory(parent=site_tree.team, live=False, photo=undescribed_image())


def draft_home(site_tree):
    """The live home page with a draft that sets an undescribed hero image."""
    home, image = site_tree.home, undescribed_image()
    home.hero_image = image
    home.save_revision()
    return home, image, {}


def draft_clinician(site_tree):
    image = undescribed_image()
    return ClinicianPageFactory(parent=site_tree.team, live=False, photo=image), image, {}


def draft_article(site_tree):
    ClinicianPageFactory(parent=site_tree.team)
    blog = BlogIndexPageFactory(parent=site_tree.home)
    image = undescribed_image()
    body = nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Words.</p>"))])})
    return ArticlePageFactory(parent=blog, live=False, hero_image=image), image, body


def publish(client, page, changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, edit_form_data(client, page, **changes, **{"action-publish": "publish"}))


@pytest.mark.parametrize(
    ("make_page", "field"),
    [(draft_home, "hero_image"), (draft_clinician, "photo"), (draft_article, "hero_image")],
    ids=["home hero", "clinician portrait", "article hero"],
)
def test_a_page_whose_meaningful_image_has_no_description_cannot_be_published(
    site_tree, admin_client, make_page, field
):
    page, image, changes = make_page(site_tree)
    live_revision = page.live_revision_id
    response = publish(admin_client, page, changes)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "“IMG_2043.jpg” has no description, so people using a screen reader would learn nothing "
        "from it. Add a description to the image under Images, or choose a described image."
    ]
    page.refresh_from_db()
    assert page.live_revision_id == live_revision

    image.description = "Soft circles in plum and peach, like a sunrise."
    image.save()
    assert publish(admin_client, page, changes).status_code == 302
    page.refresh_from_db()
    assert page.live and page.live_revision_id != live_revision
    assert getattr(page, field) == image


def test_a_draft_with_an_undescribed_portrait_still_saves(clinician, admin_client):
    url = reverse("wagtailadmin_pages:edit", args=[clinician.pk])
    response = admin_client.post(url, edit_form_data(admin_client, clinician, title="Grace Kim"))
    assert response.status_code == 302
    clinician.refresh_from_db()
    assert clinician.get_latest_revision_as_object().title == "Grace Kim"
    assert not clinician.live


class ImgTags(HTMLParser):
    """(src, alt) of every <img> on a page; alt is None when the attribute is missing."""

    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.images.append((attrs.get("src", ""), attrs.get("alt")))


DEMO_PAGES = [
    "/",
    "/team/",
    "/team/anjali-mehta/",
    "/services/individual-therapy-for-relationship-issues/",
    "/blog/",
    "/blog/category/managing-stress/",
    "/blog/healing-from-trust-issues/",
]
# Decorative: the logo sits beside the practice's name, which says everything it does.
DECORATIVE = ("/static/images/logo",)


class DemoImagesTests(DemoSiteTestCase):
    def test_every_image_on_the_demo_pages_is_described_unless_decorative(self):
        """Wagtail falls back to the image's title (often a file name) when it has no
        description, so a non-empty alt is not enough: it must be the description."""
        descriptions = set(
            get_image_model().objects.exclude(description="").values_list("description", flat=True)
        )
        seen = 0
        for url in DEMO_PAGES:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            parser = ImgTags()
            parser.feed(response.content.decode())
            for src, alt in parser.images:
                with self.subTest(url=url, src=src):
                    self.assertIsNotNone(alt)
                    if not src.startswith(DECORATIVE):
                        seen += 1
                        self.assertIn(alt, descriptions)
        self.assertGreaterEqual(seen, 10)  # heroes, portraits and cards were all checked
