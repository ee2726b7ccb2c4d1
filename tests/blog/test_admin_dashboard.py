"""The writers' side of the admin: a dashboard panel to start an article and find drafts waiting
for clinical review, and an article editor without traps (categories as checkboxes, no
meaningless "Show in menus")."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from blog.models import ArticlePage
from tests.blog.factories import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinical_review(blog_site):
    task = Task.objects.create(name="Clinical review")
    workflow = Workflow.objects.create(name="Clinical review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=blog_site.blog, workflow=workflow)
    return workflow


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_write_an_article_adds_a_child_of_the_blog_index(blog_site, admin_user, client):
    html = dashboard(client, admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "articlepage", blog_site.blog.pk])
    assert f'href="{add_url}"' in html and "Write an article" in html
    assert client.get(add_url).status_code == 200


def test_drafts_awaiting_clinical_review_are_counted_and_linked(
    blog_site, admin_user, client, clinical_review
):
    waiting = ArticlePageFactory(parent=blog_site.blog, title="Draft in review", live=False)
    waiting.save_revision()
    clinical_review.start(waiting, admin_user)
    ArticlePageFactory(parent=blog_site.blog, title="Plain draft", live=False)
    html = " ".join(dashboard(client, admin_user).split())
    assert "1 draft awaiting clinical review" in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[waiting.pk])}"' in html
    assert "Plain draft" not in html


def test_none_awaiting_review_says_so(blog_site, admin_user, client, clinical_review):
    html = " ".join(dashboard(client, admin_user).split())
    assert "No drafts awaiting clinical review" in html


def test_the_panel_costs_a_bounded_number_of_queries(
    blog_site, admin_user, client, clinical_review, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("wagtailadmin_home"))
        return len(captured)

    client.force_login(admin_user)
    for n in range(2):
        draft = ArticlePageFactory(parent=blog_site.blog, title=f"Review {n}", live=False)
        draft.save_revision()
        clinical_review.start(draft, admin_user)
    client.get(reverse("wagtailadmin_home"))
    few = count()
    for n in range(2, 8):
        draft = ArticlePageFactory(parent=blog_site.blog, title=f"Review {n}", live=False)
        draft.save_revision()
        clinical_review.start(draft, admin_user)
    assert count() <= few + 2  # Wagtail's own panels may grow a little; ours do not


def test_the_article_editor_offers_categories_as_checkboxes(blog_site, admin_client):
    CategoryFactory(name="Managing stress")
    html = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["blog", "articlepage", blog_site.blog.pk])
    ).content.decode()
    assert re.search(r'type="checkbox" name="categories"', html)
    assert not re.search(r'<select[^>]*name="categories"', html)


def test_show_in_menus_is_not_offered_where_it_means_nothing(blog_site, admin_client):
    article = ArticlePageFactory(parent=blog_site.blog)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:edit", args=[blog_site.services.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert 'name="show_in_menus"' not in html, url
        assert 'name="slug"' in html and 'name="search_description"' in html
    assert ArticlePage.objects.filter(pk=article.pk).exists()
