"""Readership numbers in real Chromium on the live demo site: views of an article (one of them
answered by the page cache, one by the shipped Varnish configuration in front of the site) and a
consultation request sent from it are counted against it and shown to an editor in the report; a
browser sending Sec-GPC is not counted at all (axe runs on the report in test_accessibility.py)."""

import re
import time
import urllib.request
import uuid

import pytest

from tests.browser.test_contact_forms import fill_what_the_page_marks_required, wait_out_minimum_time
from tests.deploy.proxy import varnish_before

# Headless Chromium names itself "HeadlessChrome", which the crawler rules rightly refuse: these
# visitors present an ordinary browser's user agent.
READER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
ARTICLE = "/blog/healing-from-trust-issues/"
PASSWORD = "a-long-editor-password-for-tests"  # noqa: S105 - test account only


def article_id(live_site):
    [(pk,)] = live_site.query("SELECT id FROM wagtailcore_page WHERE url_path LIKE ?", (f"%{ARTICLE}",))
    return pk


def counted(live_site, page_id, metric):
    [(total,)] = live_site.query(
        "SELECT COALESCE(SUM(count), 0) FROM readership_count WHERE page_id = ? AND metric = ?",
        (page_id, metric),
    )
    return total


def wait_until(check, timeout=15):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the count never arrived"
        time.sleep(0.2)


@pytest.fixture
def varnish(live_site):
    with varnish_before(live_site) as varnish:
        yield varnish


def visit_until_cached(reader, base_url, name):
    """Visits the article at `base_url` until a visit is served from a cache, not rendered;
    returns how many visits that took (each one counts).

    Without Redis each gunicorn worker keeps its own pages, and which worker answers is the
    kernel's choice, so a visit may be the other worker's first render (MISS); Varnish keeps a
    page once the app has answered it. Each visit carries its own campaign parameter, which the
    page cache and Varnish ignore (one entry for the page) but Chromium does not: otherwise
    Chromium answers the repeat from its own HTTP cache (max-age=60), headers of the first visit
    included, and never asks the site again (seen in CI)."""
    for visits in range(1, 7):
        visit = reader.goto(f"{base_url}{ARTICLE}?utm_source={name}-{visits}")
        if visit.headers.get("x-cache") in ("HIT", "WAIT"):
            return visits
    pytest.fail(f"no visit was served from the cache ({name})")


@pytest.fixture
def reader(chromium):
    context = chromium.new_context(user_agent=READER)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_views_and_a_request_from_an_article_are_counted_and_shown_to_an_editor(
    live_site, varnish, reader, chromium
):
    pk = article_id(live_site)
    # The demo's made-up numbers would rank the article anywhere in "most read": start from none.
    live_site.shell("from readership.models import Count\nCount.objects.all().delete()\n")
    views, requests = counted(live_site, pk, "view"), counted(live_site, pk, "request")
    # A request that never runs the page (no script: a crawler, a link preview) counts nothing,
    # and leaves the article in the page cache for the reader.
    urllib.request.urlopen(live_site.url + ARTICLE, timeout=10).close()  # noqa: S310 - local site
    visits = visit_until_cached(reader, live_site.url, "page-cache")
    wait_until(lambda: counted(live_site, pk, "view") == views + visits)
    # Through Varnish: the page Varnish keeps still runs the beacon, whose post Varnish passes on.
    visits += visit_until_cached(reader, varnish.url, "varnish")
    wait_until(lambda: counted(live_site, pk, "view") == views + visits)

    reader.get_by_role("link", name="Request a free consultation").first.click()
    reader.wait_for_url(re.compile(r"/contact/intake/"))
    loaded_at = time.monotonic()
    assert reader.locator('input[name="came_from"]').get_attribute("value") == ARTICLE
    fill_what_the_page_marks_required(reader)
    wait_out_minimum_time(loaded_at)
    with reader.expect_navigation():
        reader.locator("form.contact-form button[type=submit]").click()
    assert "/contact/thanks/?sent=consultation&" in reader.url
    wait_until(lambda: counted(live_site, pk, "request") == requests + 1)

    editor = f"editor-{uuid.uuid4().hex[:8]}"
    live_site.create_user(editor, PASSWORD, groups=["Editors"])
    staff = chromium.new_context()
    try:
        page = staff.new_page()
        page.goto(live_site.url + "/admin/login/")
        page.fill("#id_username", editor)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
        page.wait_for_url(re.compile(r"/admin/$"))
        page.get_by_role("link", name="Readership", exact=True).first.click()
        page.wait_for_url(re.compile(r"/admin/readership/$"))
        row = page.locator(
            "tr", has=page.get_by_role("rowheader", name="Healing from trust issues", exact=False)
        )
        cells = row.first.locator("td").all_inner_texts()
        assert int(cells[-2]) >= 1 and int(cells[-1]) >= 1  # its views (the report's month) and requests
    finally:
        staff.close()


@pytest.mark.parametrize(
    ("headers", "counted_views"), [({"Sec-GPC": "1"}, 0), ({}, 1)], ids=["gpc", "without"]
)
def test_a_browser_sending_global_privacy_control_is_not_counted(live_site, chromium, headers, counted_views):
    pk = article_id(live_site)
    context = chromium.new_context(user_agent=READER, extra_http_headers=headers)
    try:
        page = context.new_page()
        before = counted(live_site, pk, "view")
        # The site adds a count before it answers (READERSHIP_FLUSH_SECONDS=0 on the live site).
        with page.expect_response(lambda response: "/readership/beacon" in response.url) as answer:
            page.goto(live_site.url + ARTICLE)
        assert answer.value.status == 204
        assert counted(live_site, pk, "view") == before + counted_views
    finally:
        context.close()
