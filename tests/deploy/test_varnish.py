"""The reference Varnish configuration (deploy/varnish/default.vcl) in front of the running site.

A real `varnishd` (Debian's package, which `make test` installs) on a free loopback port: an
anonymous visitor's second visit is served by Varnish, publishing empties it in one request
(siteplatform/frontend_cache.py), and a signed-in editor always gets a fresh page. Varnish keeps only the
app's own cacheable answers: no error, no other Host's answer, no search, no outage's 500; and it
refuses media addresses that are not plainly an image.
"""

import contextlib
import re
import shutil
import time

import pytest

from livesite import FormClient
from livesite.site import run_postgres_admin
from tests.deploy.proxy import send, varnish_in_front

pytestmark = pytest.mark.slow

ARTICLE = "/blog/healing-from-trust-issues/"
EDITOR, PASSWORD = "varnish-editor", "a-long-editor-password-1234"
PRIVATE_DOCUMENT = "clinic-private-notes.txt"


def title(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture(scope="module")
def stack():
    # CONN_MAX_AGE=0: every request opens the database, so a test can take it away.
    # READERSHIP_FLUSH_SECONDS=0: readership counts reach the database at once (no Redis here).
    with varnish_in_front(env={"CONN_MAX_AGE": "0", "READERSHIP_FLUSH_SECONDS": "0"}, access_log=True) as (
        site,
        varnish,
    ):
        yield site, varnish


@contextlib.contextmanager
def database_outage(site):
    """The site's database unreachable until the block ends, as in an outage: every request
    that needs it fails with the app's 500."""
    if site._pg_name:
        name = site._pg_name
        run_postgres_admin(site._pg_base, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        run_postgres_admin(
            site._pg_base, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )
        try:
            yield
        finally:
            run_postgres_admin(site._pg_base, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        return
    away = site.tmp / "database-away"
    away.mkdir()
    for path in site.tmp.glob("db.sqlite3*"):
        shutil.move(path, away / path.name)
    try:
        yield
    finally:
        for path in site.tmp.glob("db.sqlite3*"):  # the empty database the failed requests made
            path.unlink()
        for path in away.iterdir():
            shutil.move(path, site.tmp / path.name)
        away.rmdir()


def test_an_anonymous_visitor_is_served_from_varnish_and_a_publish_purges_every_page(stack):
    """A publish empties Varnish in one request, as it makes every page of the app's cache stale:
    the article, the lists that show its title, and its English fallback under /ko/ alike."""
    site, varnish = stack
    first = send(varnish.port, ARTICLE)
    second = send(varnish.port, ARTICLE, headers={"Cookie": "csrftoken=left-by-a-form"})
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert second.body == first.body
    others = ("/blog/", "/ko" + ARTICLE, "/hi/blog/")
    for path in others:
        send(varnish.port, path)
        assert send(varnish.port, path).cache == "HIT", path

    site.shell(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='healing-from-trust-issues')\n"
        "page.title = 'Healing from trust issues, revised'\n"
        "page.save_revision().publish()\n"
    )
    fresh = send(varnish.port, ARTICLE)
    assert fresh.cache == "MISS"
    assert title(fresh.body) == "Healing from trust issues, revised"
    assert send(varnish.port, ARTICLE).cache == "HIT"
    assert [send(varnish.port, path).cache for path in others] == ["MISS"] * len(others)
    assert title(send(varnish.port, "/ko" + ARTICLE).body) == "Healing from trust issues, revised"


def test_a_page_from_varnish_carries_the_beacon_and_every_beacon_reaches_the_app(stack):
    """Readership: the cached article still names the beacon script, and the beacon's POST is
    passed to the app each time (never answered from the cache), where it is counted."""
    site, varnish = stack
    send(varnish.port, ARTICLE)
    cached = send(varnish.port, ARTICLE)
    assert cached.cache == "HIT" and 'src="/static/js/readership.js"' in cached.body

    def views():
        [(total,)] = site.query("SELECT COALESCE(SUM(count), 0) FROM readership_count WHERE metric = 'view'")
        return total

    before = views()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    }
    answers = [
        send(varnish.port, "/readership/beacon", method="POST", headers=headers, body=f"p={ARTICLE}&r=")
        for _ in range(3)
    ]
    assert [(answer.status, answer.cache) for answer in answers] == [(204, "MISS")] * 3
    deadline = time.monotonic() + 10
    while views() < before + 3:
        assert time.monotonic() < deadline, views()
        time.sleep(0.2)


def test_campaign_parameters_share_the_cached_page(stack):
    _, varnish = stack
    send(varnish.port, "/blog/")
    assert send(varnish.port, "/blog/?utm_source=newsletter&fbclid=abc").cache == "HIT"


def test_the_forms_are_never_kept_in_any_language(stack):
    """The forms carry a per-visitor CSRF token: Varnish passes them under every prefix."""
    _, varnish = stack
    for path in ("/contact/", "/ko/contact/", "/hi/contact/intake/"):
        assert [send(varnish.port, path).cache for _ in range(2)] == ["MISS", "MISS"], path


def test_search_is_never_kept_in_any_language(stack):
    """What someone searched for is not kept for the next visitor (nor in Varnish's memory)."""
    _, varnish = stack
    for path in ("/search/?q=self-harm", "/ko/search/?q=self-harm", "/hi/search/?q=anxiety"):
        responses = [send(varnish.port, path) for _ in range(2)]
        assert [r.status for r in responses] == [200, 200], path
        assert [r.cache for r in responses] == ["MISS", "MISS"], path


def test_a_hosts_calendar_feed_is_never_kept(stack):
    """A host's feed (/calendar/<token>.ics) says who has calls when: Varnish passes it, even if
    the app ever marked it shareable by mistake, and an unknown address is not kept either."""
    site, varnish = stack
    token = "varnish-feed-" + "k" * 40
    site.shell(
        "from django.contrib.auth import get_user_model\n"
        "from booking.models import ConsultationHost\n"
        "user, _ = get_user_model().objects.get_or_create(username='varnish-host')\n"
        f"ConsultationHost.objects.update_or_create(user=user, defaults={{'feed_token': {token!r}}})\n"
    )
    for path, status in ((f"/calendar/{token}.ics", 200), ("/calendar/" + "u" * 43 + ".ics", 404)):
        responses = [send(varnish.port, path) for _ in range(2)]
        assert [r.status for r in responses] == [status, status], path
        assert [r.cache for r in responses] == ["MISS", "MISS"], path
    feed = send(varnish.port, f"/calendar/{token}.ics")
    assert feed.headers["Cache-Control"] == "private, no-store"
    assert feed.body.startswith("BEGIN:VCALENDAR")


def test_a_request_for_another_host_does_not_replace_the_page(stack):
    """Django refuses a Host outside ALLOWED_HOSTS with a 400; the next visitor still gets the page."""
    _, varnish = stack
    assert send(varnish.port, "/", method="PURGE").status == 200
    assert send(varnish.port, "/", headers={"Host": "x"}).status == 400
    home = send(varnish.port, "/")
    assert (home.status, home.cache) == (200, "MISS")
    assert send(varnish.port, "/").cache == "HIT"


def test_an_unreadable_request_does_not_replace_the_page(stack):
    """A GET that declares a form body in Latin-1 gets the app's 400; nobody else gets it after."""
    _, varnish = stack
    send(varnish.port, "/services/", method="PURGE")
    latin1 = {"Content-Type": "application/x-www-form-urlencoded; charset=latin-1"}
    assert send(varnish.port, "/services/", headers=latin1).status == 400
    assert [send(varnish.port, "/services/").status for _ in range(2)] == [200, 200]


def test_an_outage_500_is_not_kept(stack):
    site, varnish = stack
    with database_outage(site):
        assert send(varnish.port, "/blog/?during=outage").status == 500
    recovered = send(varnish.port, "/blog/?during=outage")
    assert recovered.status == 200, "Varnish kept serving the outage's error page"


def wait_for_log_line(site, path):
    """Until gunicorn, which writes a line just after answering, has logged a GET of `path`."""
    deadline = time.monotonic() + 5
    while f"GET {path} " not in site.log("server"):
        assert time.monotonic() < deadline, site.log("server")
        time.sleep(0.1)


def test_media_serves_images_and_refuses_every_other_path(stack):
    """A /media/ address that is not plainly an image or a rendition is refused by Varnish and
    never reaches the app: no dot-dot, no encoded dot, slash or backslash, no empty segment, and
    never the documents folder (documents go through /documents/<id>/, which checks privacy)."""
    site, varnish = stack
    documents = site.tmp / "media" / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / PRIVATE_DOCUMENT).write_text("private: session notes")
    image = re.search(r'(/media/images/[^"\s?]+)', send(varnish.port, ARTICLE).body).group(1)
    assert send(varnish.port, image).status == 200

    refused = [
        f"/media/documents/{PRIVATE_DOCUMENT}",
        f"/media/images/..%2fdocuments/{PRIVATE_DOCUMENT}",
        f"/media/images/..%2Fdocuments/{PRIVATE_DOCUMENT}",
        f"/media/images/%2e%2e/documents/{PRIVATE_DOCUMENT}",
        f"/media/images/../documents/{PRIVATE_DOCUMENT}",
        f"/media/images/..%5cdocuments%5c{PRIVATE_DOCUMENT}",
        f"/media/images/..\\documents\\{PRIVATE_DOCUMENT}",
        f"/media//documents/{PRIVATE_DOCUMENT}",
        f"/media/original_images//../documents/{PRIVATE_DOCUMENT}",
        f"/%6dedia/documents/{PRIVATE_DOCUMENT}",
        f"/media%2fdocuments/{PRIVATE_DOCUMENT}",
    ]
    for path in refused:
        response = send(varnish.port, path)
        assert response.status == 404, path
        assert "session notes" not in response.body, path
    send(varnish.port, "/robots.txt")
    wait_for_log_line(site, "/robots.txt")
    time.sleep(0.3)  # a line of a request answered before robots.txt, by the other worker
    log = site.log("server")
    assert PRIVATE_DOCUMENT not in log, "a refused media address reached the app"


def test_a_signed_in_editor_always_gets_a_fresh_page(stack):
    site, varnish = stack
    site.create_user(EDITOR, PASSWORD, groups=["Editors"])
    send(varnish.port, "/")
    assert send(varnish.port, "/").cache == "HIT"

    editor = FormClient(varnish.url)
    status, html = editor.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, location = editor.post(
        "/admin/login/", {"csrfmiddlewaretoken": token, "username": EDITOR, "password": PASSWORD}
    )
    assert status == 302, "the editor could not sign in through Varnish"
    cookie = "; ".join(f"{c.name}={c.value}" for c in editor.cookies)
    assert "sessionid=" in cookie
    for _ in range(2):
        assert send(varnish.port, "/", headers={"Cookie": cookie}).cache == "MISS"


def test_purge_is_accepted_from_the_app_hosts_only(stack):
    _, varnish = stack
    for source, expected in (("127.0.0.1", 200), ("127.0.0.2", 403)):
        assert send(varnish.port, ARTICLE, method="PURGE", source=source).status == expected, source
