"""The blog in real Chromium: its images keep their place, and an editor publishes an article
through the Wagtail admin, after which it is on the blog and in its feed (axe runs on the blog's
pages in test_accessibility.py)."""

import re
import uuid
from urllib.request import urlopen

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

EDITOR, REVIEWER, PASSWORD = "blog-editor", "clinical-reviewer", "a-long-editor-password-for-tests"


def fetch(url):
    with urlopen(url) as response:  # noqa: S310 - local live site
        return response.read().decode()


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
    """A member of Wagtail's "Editors" group: may add and edit pages, not publish them."""
    live_site.create_user(EDITOR, PASSWORD, groups=["Editors"])
    return EDITOR


@pytest.fixture(scope="module")
def reviewer(live_site):
    """A clinical reviewer, who approves articles in the blog's "Clinical review" workflow."""
    live_site.create_user(REVIEWER, PASSWORD, groups=["Clinical reviewers"])
    return REVIEWER


# Marks the page once Wagtail watches the form for edits (an attribute, so no eval under the CSP).
WATCH_EDITS = (
    "document.addEventListener('w-unsaved:watch-edits',"
    " () => document.documentElement.setAttribute('data-edits-watched', ''));"
)


def sign_in(page, live_site, username):
    page.context.clear_cookies()
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))


def choose_action(page, button):
    """Open the editor footer's "More actions" menu and submit the form with one of its actions."""
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation(timeout=30_000):
        button.click()
    page.wait_for_load_state()


def article_state(live_site, title):
    return live_site.shell(
        "from blog.models import ArticlePage\n"
        f"print(list(ArticlePage.objects.filter(title={title!r}).values_list('live', flat=True)))"
    ).strip()


def test_an_editor_creates_previews_and_publishes_an_article(live_site, page, editor, reviewer):
    # Unique, so the test can run again on the same live site (as under -n 2 or repeated).
    title = f"Finding calm in a crowded week {uuid.uuid4().hex[:8]}"
    blog_id = live_site.shell(
        "from blog.models import BlogIndexPage\nprint(BlogIndexPage.objects.get().pk)"
    ).strip()
    sign_in(page, live_site, editor)

    # Wagtail notes the form's starting state two seconds after it loads and autosaves changes
    # from it; fields filled before that count as the start and are never autosaved.
    page.add_init_script(WATCH_EDITS)
    page.goto(f"{live_site.url}/admin/pages/add/blog/articlepage/{blog_id}/")
    expect(page.locator("html[data-edits-watched]")).to_be_attached(timeout=30_000)
    page.fill("#id_title", title)
    page.fill("#id_summary", "Five quiet minutes can change the shape of a day. A few ways to find them.")
    page.locator("button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor_box = page.locator(".Draftail-Editor [contenteditable='true']").first
    editor_box.click()
    editor_box.type("Busy weeks leave little room to breathe. Start with one small pause.")
    page.select_option("#id_author", label="Anjali Mehta")
    page.select_option("#id_clinically_reviewed_by", label="Grace Kim")

    # Once the form is valid, Wagtail autosaves: the draft is created and the form becomes the
    # edit form. An action chosen before that lands on the create view again and is refused
    # (the slug is taken by the autosaved draft), which left the article saved but not live.
    # The editor sees "Saved" in the header once the form is the edit form.
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved", timeout=30_000
    )
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    article_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)

    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    assert title in preview.locator("h1").inner_text(timeout=20_000)

    # An editor may not publish: the article goes to the blog's clinical review.
    choose_action(page, page.locator("button[name='action-submit']"))
    assert article_state(live_site, title) == "[False]"
    assert title not in fetch(live_site.url + "/blog/")

    sign_in(page, live_site, reviewer)
    page.goto(f"{live_site.url}/admin/pages/{article_id}/edit/")
    choose_action(
        page,
        page.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"),
    )
    assert article_state(live_site, title) == "[True]"

    listing = fetch(live_site.url + "/blog/")
    assert title in listing
    feed = fetch(live_site.url + "/blog/feed/")
    assert f"<title>{title}</title>" in feed
    article = page.goto(f"{live_site.url}/blog/{slugify(title)}/")
    assert article.status == 200
    assert "Busy weeks leave little room to breathe." in page.locator(".article__body").inner_text()
