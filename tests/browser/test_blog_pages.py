"""The blog in real Chromium: accessibility of its pages, and an editor publishing an article
through the Wagtail admin, after which it is on the blog and in its feed."""

import re
from urllib.request import urlopen

import pytest

from tests.browser.axe import assert_no_axe_violations

BLOG_PAGES = {
    "index": "/blog/",
    "category": "/blog/category/managing-stress/",
    "tag": "/blog/tag/trust/",
    "seed article": "/blog/healing-from-trust-issues/",
    "article with invitation": "/blog/setting-boundaries-with-family/",
}
EDITOR, PASSWORD = "blog-editor", "a-long-editor-password-for-tests"


def fetch(url):
    with urlopen(url) as response:  # noqa: S310 - local live site
        return response.read().decode()


@pytest.mark.parametrize("url", BLOG_PAGES.values(), ids=BLOG_PAGES.keys())
def test_blog_page_has_no_axe_violations(live_site, page, url):
    response = page.goto(live_site.url + url)
    assert response.status == 200
    assert_no_axe_violations(page)


def test_the_seed_article_images_do_not_shift_the_layout(live_site, page):
    page.goto(live_site.url + "/blog/")
    for image in page.locator(".article-card img").all():
        assert image.get_attribute("width") and image.get_attribute("height")
        assert image.get_attribute("loading") == "lazy"
    page.goto(live_site.url + "/blog/healing-from-trust-issues/")
    hero = page.locator(".article__hero img")
    assert hero.get_attribute("loading") is None and hero.get_attribute("width")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.fixture(scope="module")
def editor(live_site):
    live_site.create_user(EDITOR, PASSWORD, superuser=True)
    return EDITOR


def test_an_editor_creates_previews_and_publishes_an_article(live_site, page, editor):
    blog_id = live_site.shell(
        "from blog.models import BlogIndexPage\nprint(BlogIndexPage.objects.get().pk)"
    ).strip()
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", EDITOR)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{live_site.url}/admin/pages/add/blog/articlepage/{blog_id}/")
    page.fill("#id_title", "Finding calm in a crowded week")
    page.fill("#id_summary", "Five quiet minutes can change the shape of a day. A few ways to find them.")
    page.locator("button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor_box = page.locator(".Draftail-Editor [contenteditable='true']").first
    editor_box.click()
    editor_box.type("Busy weeks leave little room to breathe. Start with one small pause.")
    page.select_option("#id_author", label="Anjali Mehta")
    page.select_option("#id_clinically_reviewed_by", label="Grace Kim")

    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    assert "Finding calm in a crowded week" in preview.locator("h1").inner_text(timeout=20_000)

    # As an editor does it: open the footer's "More actions" menu and choose Publish.
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation(timeout=30_000):
        page.locator("button[name='action-publish']").click()
    page.wait_for_load_state()
    # On a loaded machine the admin's progress button can send the form twice; the second is
    # refused (slug in use), so what counts is that exactly one article was made, and it is live.
    published = live_site.shell(
        "from blog.models import ArticlePage\n"
        "print(list(ArticlePage.objects.filter(title='Finding calm in a crowded week')"
        ".values_list('live', flat=True)))"
    ).strip()
    assert published == "[True]", published

    listing = fetch(live_site.url + "/blog/")
    assert "Finding calm in a crowded week" in listing
    feed = fetch(live_site.url + "/blog/feed/")
    assert "<title>Finding calm in a crowded week</title>" in feed
    article = page.goto(live_site.url + "/blog/finding-calm-in-a-crowded-week/")
    assert article.status == 200
    assert "Busy weeks leave little room to breathe." in page.locator(".article__body").inner_text()
