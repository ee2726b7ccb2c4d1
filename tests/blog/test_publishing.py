"""Editors' side of articles: scheduled publishing, revisions, redirects on slug change."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from blog.models import ArticlePage
from tests.blog.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_article_goes_live_only_when_publish_scheduled_runs_after_its_time(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, title="Scheduled", slug="scheduled", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    client = Client()

    assert not article.live
    assert revision.approved_go_live_at is not None
    assert client.get("/blog/scheduled/").status_code == 404
    assert "Scheduled" not in client.get("/blog/").content.decode()
    assert "Scheduled" not in client.get("/blog/feed/").content.decode()

    call_command("publish_scheduled")  # too early: nothing changes
    article.refresh_from_db()
    assert not article.live

    # Two hours later the time has passed: move the schedule back rather than the clock.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    article.refresh_from_db()

    assert article.live
    assert client.get("/blog/scheduled/").status_code == 200
    assert "Scheduled" in client.get("/blog/").content.decode()
    assert "Scheduled" in client.get("/blog/feed/").content.decode()


def test_an_article_expires_when_its_time_is_up(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, slug="expiring")
    article.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    article.save()
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live and article.expired


def test_changing_a_published_articles_slug_redirects_the_old_address(
    blog_site, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=blog_site.blog, slug="old-address")
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    article.slug = "new-address"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals slug changes on commit
        article.save_revision().publish()

    assert Redirect.objects.filter(old_path="/blog/old-address", redirect_page=article).exists()
    response = Client().get("/blog/old-address/")
    assert response.status_code == 301 and response["Location"].endswith("/blog/new-address/")


def test_publishing_keeps_each_version_as_a_revision(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, title="First title")
    article.save_revision().publish()
    article.title = "Second title"
    article.save_revision().publish()
    assert [r.content["title"] for r in article.revisions.order_by("created_at")] == [
        "First title",
        "Second title",
    ]


def preview_data(blog_site, **fields):
    return {
        "title": "A draft in preview",
        "slug": "a-draft-in-preview",
        "summary": "What the draft is about.",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Draft words.", "depth": 0, '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "author": blog_site.author.pk,
        "date": "2026-01-01",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "3",
        "tags": "",
        "cta_heading": "Reach out",
        "cta_text": "We are here.",
        **fields,
    }


def test_an_editor_can_preview_a_new_article_before_saving_it(blog_site, admin_client):
    url = f"/admin/pages/add/blog/articlepage/{blog_site.blog.pk}/preview/"
    assert admin_client.post(url, preview_data(blog_site)).json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>A draft in preview</h1>" in html and "Draft words." in html
    assert not ArticlePage.objects.filter(slug="a-draft-in-preview").exists()


def test_the_admin_form_explains_every_field(blog_site, admin_client):
    html = admin_client.get(f"/admin/pages/add/blog/articlepage/{blog_site.blog.pk}/").content.decode()
    for field in ("summary", "hero_image", "body", "date", "categories", "tags", "author", "related_service"):
        help_text = ArticlePage._meta.get_field(field).help_text
        assert help_text and str(help_text)[:40] in html.replace("&#x27;", "'"), field


def test_the_preview_may_be_framed_by_the_admin(blog_site, admin_client):
    url = f"/admin/pages/add/blog/articlepage/{blog_site.blog.pk}/preview/"
    admin_client.post(url, preview_data(blog_site))
    response = admin_client.get(url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_staff_manage_categories_as_snippets_and_the_slug_follows_the_name(admin_client):
    from blog.models import Category

    response = admin_client.post(
        "/admin/snippets/blog/category/add/",
        {"name": "Rest and self-care", "slug": "", "description": "Treating rest as a need."},
    )
    assert response.status_code == 302
    assert Category.objects.get(name="Rest and self-care").slug == "rest-and-self-care"
    listing = admin_client.get("/admin/snippets/blog/category/").content.decode()
    assert "Rest and self-care" in listing
