"""The reference Varnish configuration (deploy/varnish/default.vcl) in front of the running site.

A real `varnishd` (Debian's package, which `make test` installs) on a free loopback port: an
anonymous visitor's second visit is served by Varnish, publishing purges the page through
Wagtail's frontend cache, and a signed-in editor always gets a fresh page.
"""

import http.client
import re
import urllib.request

import pytest

from livesite import FormClient, LiveSite, free_port
from livesite.varnish import Varnish

pytestmark = pytest.mark.slow

ARTICLE = "/blog/healing-from-trust-issues/"
EDITOR, PASSWORD = "varnish-editor", "a-long-editor-password-1234"


def get(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local
        return response.headers.get("X-Cache"), response.read().decode()


def title(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture(scope="module")
def stack():
    varnish_port = free_port()
    site = LiveSite(env={"FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{varnish_port}"})
    site.start()
    varnish = Varnish(port=varnish_port, backend_port=site.port)
    if Varnish.executable() is None:
        site.stop()
        pytest.fail("varnishd is missing: `make test` installs Debian's varnish (apt-get install varnish)")
    try:
        varnish.start()
        yield site, varnish
    finally:
        varnish.stop()
        site.stop()


def test_an_anonymous_visitor_is_served_from_varnish_and_a_publish_purges_the_page(stack):
    site, varnish = stack
    first, html = get(varnish.url + ARTICLE)
    second, again = get(varnish.url + ARTICLE, cookie="csrftoken=left-by-a-form")
    assert (first, second) == ("MISS", "HIT")
    assert again == html

    site.shell(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='healing-from-trust-issues')\n"
        "page.title = 'Healing from trust issues, revised'\n"
        "page.save_revision().publish()\n"
    )
    state, html = get(varnish.url + ARTICLE)
    assert state == "MISS"
    assert title(html) == "Healing from trust issues, revised"
    assert get(varnish.url + ARTICLE)[0] == "HIT"


def test_campaign_parameters_share_the_cached_page(stack):
    _, varnish = stack
    get(varnish.url + "/blog/")
    state, _ = get(varnish.url + "/blog/?utm_source=newsletter&fbclid=abc")
    assert state == "HIT"


def test_the_forms_are_never_kept_in_any_language(stack):
    """The forms carry a per-visitor CSRF token: Varnish passes them under every prefix."""
    _, varnish = stack
    for path in ("/contact/", "/ko/contact/", "/hi/contact/intake/"):
        assert [get(varnish.url + path)[0] for _ in range(2)] == ["MISS", "MISS"], path


def test_a_signed_in_editor_always_gets_a_fresh_page(stack):
    site, varnish = stack
    site.create_user(EDITOR, PASSWORD, groups=["Editors"])
    get(varnish.url + "/")
    assert get(varnish.url + "/")[0] == "HIT"

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
        assert get(varnish.url + "/", cookie=cookie)[0] == "MISS"


def test_purge_is_accepted_from_the_app_hosts_only(stack):
    _, varnish = stack
    for source, expected in (("127.0.0.1", 200), ("127.0.0.2", 403)):
        connection = http.client.HTTPConnection(
            "127.0.0.1", varnish.port, timeout=10, source_address=(source, 0)
        )
        connection.request("PURGE", ARTICLE)
        assert connection.getresponse().status == expected, source
        connection.close()
