"""Model rules of the blog: where pages live, validation, reading time, related articles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage, ArticleRelatedLink, BlogIndexPage
from blog.reading_time import reading_minutes, words_in_body
from practice.models import LocationPage, ServicesIndexPage, StandardPage, TeamPage
from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory, CategoryFactory, paragraphs

pytestmark = pytest.mark.django_db


def test_the_blog_index_goes_under_the_home_page_once(site_tree):
    home = site_tree.home
    # The practice's home page does not name the blog; the blog's own rule admits it there.
    assert BlogIndexPage.can_create_at(home)
    for parent in (site_tree.services, site_tree.team):
        assert not BlogIndexPage.can_create_at(parent)
    BlogIndexPageFactory(parent=home)
    assert not BlogIndexPage.can_create_at(home)


def test_the_home_page_takes_the_practice_sections_and_the_blog_and_nothing_else(site_tree):
    home = site_tree.home
    assert set(home.specific.creatable_subpage_models()) == {
        ServicesIndexPage,
        TeamPage,
        StandardPage,
        LocationPage,
        BlogIndexPage,
    }


def test_articles_go_only_under_the_blog_index(blog_site):
    assert ArticlePage.can_create_at(blog_site.blog)
    for parent in (blog_site.home, blog_site.services, blog_site.team, blog_site.service):
        assert not ArticlePage.can_create_at(parent)
    article = ArticlePageFactory(parent=blog_site.blog)
    for model in (ArticlePage, StandardPage, BlogIndexPage):
        assert not model.can_create_at(article)


def test_an_article_may_not_take_a_slug_the_blog_routes_use(blog_site):
    article = ArticlePageFactory.build(slug="feed", author=blog_site.author)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "slug" in error.value.message_dict


def test_the_clinical_reviewer_is_not_the_author(blog_site):
    article = ArticlePageFactory.build(author=blog_site.author, clinically_reviewed_by=blog_site.author)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "clinically_reviewed_by" in error.value.message_dict


def test_reading_time_counts_the_visible_words_of_the_body():
    article = ArticlePage(body=paragraphs(439))  # 439 words + "A heading" = 441
    assert words_in_body(article.body) == 441
    assert reading_minutes(article.body) == 3  # 441 / 220 rounded up
    assert reading_minutes(ArticlePage(body=[]).body) == 1


def test_reading_time_counts_quotes_captions_and_invitations_but_not_markup():
    body = ArticlePage(
        body=[
            ("paragraph", '<p>one <a href="/x/">two</a> three’s</p><ul><li>four</li></ul>'),
            ("pull_quote", {"quote": "five six", "attribution": "seven"}),
            ("call_to_action", {"heading": "eight", "text": "nine ten", "destination": "consultation"}),
        ]
    ).body
    assert words_in_body(body) == 10


def test_reading_time_is_stored_when_the_article_is_saved(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=paragraphs(1000))
    article.refresh_from_db()
    assert article.reading_time == 5  # 1002 words


def test_reading_time_of_a_preview_follows_the_edited_body(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=paragraphs(100))
    article.body = paragraphs(1000)
    article.full_clean()  # what the admin's form does before it renders a preview
    assert article.reading_time == 5


def test_reading_time_follows_a_published_revision(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=paragraphs(100))
    article.body = paragraphs(1000)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.reading_time == 5


def test_the_intake_link_chooses_the_related_service(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, related_service=blog_site.service)
    assert article.get_intake_url() == "/contact/intake/?service=individual-therapy-for-relationship-issues"
    article.related_service = None
    assert article.get_intake_url() == "/contact/intake/"


def test_related_articles_are_hand_picked_first_then_filled_by_shared_topics(blog_site):
    stress, family = CategoryFactory(name="Managing stress"), CategoryFactory(name="Family")
    article = ArticlePageFactory(parent=blog_site.blog, categories=[stress], tags=["trust", "boundaries"])
    unrelated_pick = ArticlePageFactory(parent=blog_site.blog, categories=[family])
    shares_two = ArticlePageFactory(parent=blog_site.blog, categories=[stress], tags=["trust"])
    shares_one = ArticlePageFactory(parent=blog_site.blog, tags=["boundaries"])
    ArticlePageFactory(parent=blog_site.blog, categories=[family], tags=["other"])  # shares nothing
    ArticleRelatedLink.objects.create(page=article, article=unrelated_pick, sort_order=0)

    assert article.get_related_articles() == [unrelated_pick, shares_two, shares_one]
    assert article.get_related_articles(limit=2) == [unrelated_pick, shares_two]


def test_related_articles_leave_out_drafts_private_articles_and_the_article_itself(blog_site):
    stress = CategoryFactory(name="Managing stress")
    article = ArticlePageFactory(parent=blog_site.blog, categories=[stress])
    draft = ArticlePageFactory(parent=blog_site.blog, categories=[stress], live=False)
    private = ArticlePageFactory(parent=blog_site.blog, categories=[stress])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticleRelatedLink.objects.create(page=article, article=draft, sort_order=0)
    visible = ArticlePageFactory(parent=blog_site.blog, categories=[stress])

    assert article.get_related_articles() == [visible]


def test_related_articles_in_preview_follow_the_unsaved_choices(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog)
    first, second = ArticlePageFactory(parent=blog_site.blog), ArticlePageFactory(parent=blog_site.blog)
    article.related_links = [ArticleRelatedLink(article=second), ArticleRelatedLink(article=first)]
    assert article.get_related_articles() == [second, first]


def test_an_articles_cached_body_and_cards_follow_every_publish(blog_site, client, settings):
    """The body and the related cards are kept between visits (even with the page cache off),
    and a publish anywhere shows at once."""
    settings.PAGE_CACHE_SECONDS = 0
    stress = CategoryFactory(name="Stress")
    article = ArticlePageFactory(
        parent=blog_site.blog, categories=[stress], body=[("paragraph", "<p>First words</p>")]
    )
    other = ArticlePageFactory(parent=blog_site.blog, title="Other one", categories=[stress])
    html = client.get(article.url).content.decode()
    assert "First words" in html and ">Other one</a>" in html

    other.title = "Renamed one"
    other.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    article.body = [("paragraph", "<p>Second words</p>")]
    article.save_revision().publish()

    html = client.get(article.url).content.decode()
    assert "Second words" in html and "First words" not in html
    assert ">Renamed one</a>" in html and ">Other one</a>" not in html


def test_related_articles_fill_the_row_with_the_newest_others_when_few_share_a_topic(blog_site):
    stress, family = CategoryFactory(name="Managing stress"), CategoryFactory(name="Family")
    article = ArticlePageFactory(parent=blog_site.blog, categories=[stress])
    shares = ArticlePageFactory(parent=blog_site.blog, categories=[stress], date=datetime.date(2020, 1, 1))
    older = ArticlePageFactory(parent=blog_site.blog, categories=[family], date=datetime.date(2024, 1, 1))
    newer = ArticlePageFactory(parent=blog_site.blog, categories=[family], date=datetime.date(2025, 1, 1))
    ArticlePageFactory(parent=blog_site.blog, categories=[family], date=datetime.date(2023, 1, 1))

    assert article.get_related_articles() == [shares, newer, older]
    assert article.get_related_articles(saved_choices=True) == [shares, newer, older]
