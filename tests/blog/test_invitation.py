"""What a reader of an article sees around its text: the invitation to reach out part way
through long articles, the breadcrumb above it and the three "Keep reading" cards below."""

import json
import re

import pytest
from django.test import Client

from blog.invitation import LONG_ARTICLE_MINUTES
from tests.blog.factories import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db

INVITATION = '<div class="reach-out">'


def sections(count, words=300):
    """Rich text with `count` h2 sections of `words` words each."""
    text = " ".join(["steady"] * words)
    return "".join(f"<h2>Section {number}</h2><p>{text}</p>" for number in range(1, count + 1))


def long_body(count=5):
    return [("paragraph", "<p>An opening paragraph.</p>" + sections(count))]


def html_of(article):
    return Client().get(article.url).content.decode()


def body_of(html):
    return re.search(
        r'<div class="article__body">(.*?)<div class="article__tags">|<div class="article__body">(.*?)<section class="cta"',
        html,
        re.S,
    ).group(0)


def test_a_long_article_invites_readers_after_its_second_section(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=long_body(), related_service=blog_site.service)
    assert article.reading_time >= LONG_ARTICLE_MINUTES
    html = html_of(article)
    assert html.count(INVITATION) == 1
    position = html.index(INVITATION)
    assert html.index("<h2>Section 2</h2>") < position < html.index("<h2>Section 3</h2>")
    invitation = html[position : html.index("</div>", position)]
    assert 'href="/contact/intake/?service=individual-therapy-for-relationship-issues"' in invitation
    assert 'href="/contact/"' in invitation


def test_the_invitation_finds_the_third_section_across_blocks(blog_site):
    body = [
        ("paragraph", sections(2)),
        ("pull_quote", {"quote": "A line worth pausing on.", "attribution": ""}),
        ("paragraph", sections(3)),
    ]
    html = html_of(ArticlePageFactory(parent=blog_site.blog, body=body))
    assert html.count(INVITATION) == 1
    assert (
        html.index("pull-quote")
        < html.index(INVITATION)
        < html.index("<h2>Section 1</h2>", html.index("pull-quote"))
    )


def test_no_automatic_invitation_when_the_editor_turns_it_off(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=long_body(), invite_mid_article=False)
    assert INVITATION not in html_of(article)


def test_no_automatic_invitation_in_a_short_article(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, body=[("paragraph", sections(4, words=40))])
    assert article.reading_time < LONG_ARTICLE_MINUTES
    assert INVITATION not in html_of(article)


def test_an_invitation_the_editor_placed_shows_there_and_only_there(blog_site):
    body = [("paragraph", sections(1)), ("reach_out", None), ("paragraph", sections(4))]
    html = html_of(ArticlePageFactory(parent=blog_site.blog, body=body))
    assert html.count(INVITATION) == 1
    assert (
        html.index("<h2>Section 1</h2>")
        < html.index(INVITATION)
        < html.index("<h2>Section 1</h2>", html.index(INVITATION))
    )


def test_a_placed_invitation_shows_even_when_the_automatic_one_is_off(blog_site):
    body = [("paragraph", sections(1, words=20)), ("reach_out", None)]
    html = html_of(ArticlePageFactory(parent=blog_site.blog, body=body, invite_mid_article=False))
    assert html.count(INVITATION) == 1


def test_the_breadcrumb_shows_the_ancestors_not_the_articles_title(blog_site):
    article = ArticlePageFactory(parent=blog_site.blog, title="A rather long title about healing and trust")
    html = html_of(article)
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav) == [("/", "Home"), ("/blog/", "Blog")]
    assert article.title not in nav
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    (crumbs,) = [item for item in data if item.get("@type") == "BreadcrumbList"]
    names = [element["name"] for element in crumbs["itemListElement"]]
    assert names == ["Home", "Blog", article.title]
    assert [element["position"] for element in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["item"] == "http://testserver" + article.url


def test_keep_reading_shows_three_cards_even_when_fewer_share_a_topic(blog_site):
    stress, family = CategoryFactory(name="Managing stress"), CategoryFactory(name="Family")
    article = ArticlePageFactory(parent=blog_site.blog, categories=[stress])
    shares = ArticlePageFactory(parent=blog_site.blog, categories=[stress])
    others = [ArticlePageFactory(parent=blog_site.blog, categories=[family]) for _ in range(3)]
    html = html_of(article)
    related = html[html.index('aria-labelledby="related-heading"') :]
    titles = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', related)
    assert titles == [shares.title, others[0].title, others[1].title]  # the sharing one, then the newest
