"""How articles are found outside the listings: RSS feeds, the sitemap, search, and the
structured data and sharing metadata in each article's <head>."""

import datetime
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output
from email.utils import parsedate_to_datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.blog.factories import ArticlePageFactory, CategoryFactory
from tests.sitemaps import NS, client_reader, sitemap_locs, sitemap_urls

pytestmark = pytest.mark.django_db
DC = "{http://purl.org/dc/elements/1.1/}"


def feed_items(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    return channel, channel.findall("item")


@pytest.fixture
def articles(blog_site):
    stress = CategoryFactory(name="Managing stress")
    today = timezone.localdate()
    old = ArticlePageFactory(parent=blog_site.blog, title="Old", date=today - datetime.timedelta(days=30))
    new = ArticlePageFactory(
        parent=blog_site.blog,
        title="New",
        summary="Fresh <thoughts> & more.",
        date=today,
        categories=[stress],
        author=blog_site.author,
    )
    middle = ArticlePageFactory(
        parent=blog_site.blog, title="Middle", date=today - datetime.timedelta(days=3), categories=[stress]
    )
    draft = ArticlePageFactory(parent=blog_site.blog, title="Draft", live=False, categories=[stress])
    private = ArticlePageFactory(parent=blog_site.blog, title="Private", categories=[stress])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")  # noqa: S106
    return {"old": old, "new": new, "middle": middle, "draft": draft, "private": private}


def test_the_feed_is_rss_with_published_articles_newest_first(articles):
    channel, items = feed_items(Client().get("/blog/feed/"))
    assert channel.findtext("title") == "We Rise Therapy and Wellness: articles"
    assert channel.findtext("link") == "http://testserver/blog/"
    assert [item.findtext("title") for item in items] == ["New", "Middle", "Old"]
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    new = items[0]
    assert new.findtext("description") == "Fresh <thoughts> & more."
    assert new.findtext("link") == "http://testserver/blog/new/"
    assert new.findtext("category") == "Managing stress"
    assert new.findtext(f"{DC}creator") == "Anjali Mehta"


def test_the_feed_reads_no_articles_body_and_joins_only_their_author(articles, settings):
    """A feed item is a title, summary, date, author and categories: reading each article's
    body and every page it links to made the feed of 10,000 articles cost 31 ms of CPU, now 18."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as captured:
        feed_items(Client().get("/blog/feed/"))
    listing = next(query["sql"] for query in captured if "LIMIT 20" in query["sql"])
    assert '"blog_articlepage"."body"' not in listing
    assert "practice_servicepage" not in listing and "wagtailimages_image" not in listing


def test_the_feed_links_to_the_public_address(articles, settings):
    settings.SITE_URL = "https://www.example.org"
    channel, items = feed_items(Client().get("/blog/category/managing-stress/feed/"))
    assert channel.findtext("link") == "https://www.example.org/blog/category/managing-stress/"
    assert items[0].findtext("link") == "https://www.example.org/blog/new/"


def test_a_category_feed_carries_only_that_category(articles):
    channel, items = feed_items(Client().get("/blog/category/managing-stress/feed/"))
    assert channel.findtext("title") == "We Rise Therapy and Wellness: Managing stress"
    assert [item.findtext("title") for item in items] == ["New", "Middle"]


FEED_LINK = '<link rel="alternate" type="application/rss+xml" title="We Rise Therapy and Wellness: articles" href="{}">'


def test_every_page_advertises_the_feed_where_the_blog_is(articles, blog_site):
    client = Client()
    for url in ("/", "/services/", "/blog/", "/blog/new/", "/search/?q=trust"):
        assert FEED_LINK.format("/blog/feed/") in client.get(url).content.decode(), url
    blog_site.blog.slug = "journal"
    blog_site.blog.save_revision().publish()
    html = client.get("/").content.decode()
    assert FEED_LINK.format("/journal/feed/") in html
    assert client.get("/journal/feed/").status_code == 200
    blog_site.blog.unpublish()
    assert "application/rss+xml" not in client.get("/").content.decode()


def test_drafts_and_private_articles_leak_into_no_feed_sitemap_or_search(articles):
    client = Client()
    feeds = (
        client.get("/blog/feed/").content.decode()
        + client.get("/blog/category/managing-stress/feed/").content.decode()
    )
    sitemap = " ".join(sitemap_locs(client_reader(client)))
    search = client.get("/search/", {"q": "Draft Private"}).content.decode()
    for leak in ("Draft", "Private", "/blog/draft/", "/blog/private/"):
        assert leak not in feeds
        assert leak not in sitemap
        assert f'">{leak}</a>' not in search


def test_articles_are_in_the_sitemap_with_lastmod(articles):
    urls = sitemap_urls(client_reader(Client()))
    entries = {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS) for url in urls}
    new = articles["new"]
    new.refresh_from_db()
    assert datetime.date.fromisoformat(entries["http://localhost/blog/new/"][:10]) == new.modified_at.date()
    assert not any("/blog/draft/" in loc or "/blog/private/" in loc for loc in entries)


def test_publishing_an_article_makes_search_find_it(blog_site):
    article = ArticlePageFactory(
        parent=blog_site.blog,
        title="Healing from trust issues",
        live=False,
        body=[("paragraph", "<p>Trust is one of the hardest things to rebuild.</p>")],
    )
    client = Client()
    assert "Healing from trust issues" not in client.get("/search/", {"q": "rebuild"}).content.decode()
    article.save_revision().publish()
    html = client.get("/search/", {"q": "rebuild"}).content.decode()
    assert f'<a href="{article.url}">Healing from trust issues</a>' in html


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {data["@type"]: data for data in map(json.loads, blocks)}


def test_an_article_carries_blog_posting_and_breadcrumb_json_ld(blog_site):
    image = wagtail_factories.ImageFactory(
        description="Soft circles in plum and peach.", file__width=1600, file__height=900
    )
    article = ArticlePageFactory(
        parent=blog_site.blog,
        title="Healing </script><script>alert(1)</script>",
        slug="healing",
        hero_image=image,
        author=blog_site.author,
        clinically_reviewed_by=blog_site.reviewer,
        last_reviewed=datetime.date(2026, 1, 5),
        categories=[CategoryFactory(name="Managing stress")],
        tags=["trust"],
    )
    html = Client().get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    data = structured_data(html)

    posting = data["BlogPosting"]
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == article.title
    assert posting["url"] == "http://testserver/blog/healing/"
    assert posting["author"] == {
        "@type": "Person",
        "name": "Anjali Mehta",
        "url": "http://testserver/team/anjali-mehta/",
        "honorificSuffix": "LCSW",
    }
    page = posting["mainEntityOfPage"]
    assert page["@type"] == "WebPage" and page["@id"] == posting["url"]
    assert page["reviewedBy"]["name"] == "Grace Kim"
    assert page["lastReviewed"] == "2026-01-05"
    article.refresh_from_db()
    assert datetime.datetime.fromisoformat(posting["datePublished"]).date() == article.date
    assert datetime.datetime.fromisoformat(posting["dateModified"]) == article.modified_at
    assert posting["image"]["url"].startswith("http://testserver/media/images/")
    assert posting["image"]["width"] == 1200 and posting["image"]["height"] == 630
    assert posting["articleSection"] == ["Managing stress"]
    assert posting["keywords"] == ["trust"]
    assert posting["inLanguage"] == "en"  # the article's own locale, not a fixed "en-US"

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", "http://testserver/"),
        (2, "Blog", "http://testserver/blog/"),
        (3, article.title, "http://testserver/blog/healing/"),
    ]


def test_an_article_carries_open_graph_and_twitter_meta_with_the_hero_image(blog_site):
    image = wagtail_factories.ImageFactory(description="Soft circles in plum and peach.")
    article = ArticlePageFactory(parent=blog_site.blog, slug="shared", hero_image=image, summary="A summary.")
    html = Client().get(article.url).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og_image.startswith("http://testserver/media/images/") and og_image.endswith(".jpg")
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="A summary.">' in html
    assert '<meta property="og:image:alt" content="Soft circles in plum and peach.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{og_image}">' in html
    assert '<meta name="description" content="A summary.">' in html
    assert '<meta property="og:url" content="http://testserver/blog/shared/">' in html
    assert '<link rel="canonical" href="http://testserver/blog/shared/">' in html
    assert html.count('<meta property="og:title"') == 1


def test_a_category_page_describes_itself_not_the_blog(blog_site):
    CategoryFactory(name="Managing stress", description="Small steps for heavy weeks.")
    html = Client().get("/blog/category/managing-stress/").content.decode()
    assert '<meta property="og:title" content="Managing stress">' in html
    assert '<meta property="og:description" content="Small steps for heavy weeks.">' in html
    url = "http://testserver/blog/category/managing-stress/"
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert 'href="/blog/category/managing-stress/feed/"' in html


def test_the_hero_is_a_responsive_picture_loaded_eagerly_and_cards_lazily(blog_site):
    image = wagtail_factories.ImageFactory(description="Soft circles.")
    article = ArticlePageFactory(parent=blog_site.blog, slug="pictured", hero_image=image)
    html = Client().get(article.url).content.decode()
    hero = re.search(r'<div class="article__hero">(.*?)</div>', html, re.S).group(1)
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    assert "srcset=" in hero and 'width="' in hero and 'height="' in hero
    assert 'alt="Soft circles."' in hero
    assert 'loading="lazy"' not in hero
    card = Client().get("/blog/").content.decode()
    assert 'loading="lazy"' in card and 'type="image/avif"' in card


def test_listings_carry_breadcrumb_json_ld(blog_site):
    CategoryFactory(name="Managing stress")
    data = structured_data(Client().get("/blog/category/managing-stress/").content.decode())
    crumbs = [(item["name"], item["item"]) for item in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [
        ("Home", "http://testserver/"),
        ("Blog", "http://testserver/blog/"),
        ("Managing stress", "http://testserver/blog/category/managing-stress/"),
    ]
