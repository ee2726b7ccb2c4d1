"""An editor's post to the page editor without a StreamField's management fields (`body-count`)
is refused with a 400 and saves nothing, instead of Wagtail 8's 500 (issue 17, F17)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(site_tree):
    return BlogIndexPageFactory(parent=site_tree.home)


@pytest.fixture
def editor_client(site_tree):
    """A member of Wagtail's "Editors" group, signed in, with CSRF checks on as in production."""
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-editor-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(editor)
    return client


def post_title_and_slug_only(client, url, *, title, slug):
    """GET the editor (for its CSRF token), then POST only the title and slug."""
    page = client.get(url)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(url, {"csrfmiddlewaretoken": token, "title": title, "slug": slug})


@pytest.mark.parametrize("kind", ["article", "service"])
def test_an_edit_post_without_the_streamfield_count_is_a_400_and_changes_nothing(
    site_tree, blog, editor_client, kind
):
    if kind == "article":
        page = ArticlePageFactory(parent=blog, title="Healing from trust issues")
    else:
        page = ServicePageFactory(parent=site_tree.services, title="Couples therapy")
    revisions = page.revisions.count()
    body_before = (page.specific.body if kind == "article" else page.specific.faqs).get_prep_value()

    response = post_title_and_slug_only(
        editor_client, reverse("wagtailadmin_pages:edit", args=[page.pk]), title="Changed", slug=page.slug
    )

    assert response.status_code == 400
    assert "nothing was sent or saved" in response.content.decode()
    page.refresh_from_db()
    assert page.title != "Changed" and page.get_latest_revision_as_object().title != "Changed"
    assert page.revisions.count() == revisions
    specific = page.specific
    assert (specific.body if kind == "article" else specific.faqs).get_prep_value() == body_before


def test_a_create_post_without_the_streamfield_count_is_a_400_and_creates_nothing(
    site_tree, blog, editor_client
):
    url = reverse("wagtailadmin_pages:add", args=["blog", "articlepage", blog.pk])
    children = blog.get_children().count()
    response = post_title_and_slug_only(editor_client, url, title="A new article", slug="a-new-article")
    assert response.status_code == 400
    assert blog.get_children().count() == children


def test_a_complete_post_from_the_editor_still_saves(site_tree, blog, editor_client):
    """The guard only refuses what Wagtail cannot read: the editor's own post goes through."""
    page = ServicePageFactory(parent=site_tree.services, title="Couples therapy")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = editor_client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "title": "Couples therapy, renamed",
        "slug": page.slug,
        "faqs-count": "0",
    }
    response = editor_client.post(url, data)
    assert response.status_code in (200, 302)
    assert response.status_code != 400
