"""What deploy/gunicorn.conf.py promises: what a visitor searched for or filtered by never reaches
the server's access log, nor who sent an enquiry, nor the secret token of a link to a booked call
or a calendar feed; and gunicorn believes no forwarding header itself (Django decides, from
TRUSTED_PROXY_COUNT)."""

import secrets
import time
import urllib.error
import urllib.request

import pytest

from livesite import LiveSite
from tests.booking.conftest import BOOK_A_CALL
from tests.deploy.proxy import send

pytestmark = pytest.mark.slow

FORM_POSTS = ("/contact/intake/", "/contact/", "/ko/contact/intake/", "/hi/contact/")


@pytest.fixture(scope="module")
def logging_site():
    """An empty site (no team page: /team/ answers 404, logged all the same), with HSTS on and no
    HTTPS redirect, behind no proxy (TRUSTED_PROXY_COUNT=0)."""
    site = LiveSite(
        demo=False,
        env={"DJANGO_SETTINGS_MODULE": "tests.deploy.https_settings", "SECURE_SSL_REDIRECT": "False"},
    )
    site.gunicorn_args += ["--access-logfile", "-"]
    site.start()
    yield site
    site.stop()


def logged_lines(site, marker, count):
    """The access log's request lines once `count` of them contain `marker` (gunicorn writes a
    line just after answering)."""
    deadline = time.monotonic() + 5
    while site.log("server").count(marker) < count:
        assert time.monotonic() < deadline, site.log("server")
        time.sleep(0.1)
    return [line for line in site.log("server").splitlines() if '"GET /' in line or '"POST /' in line]


def test_access_log_lines_carry_no_query_string(logging_site):
    for path in ("/team/?language=korean&who=couple", "/search/?q=korean"):
        try:
            urllib.request.urlopen(logging_site.url + path, timeout=10).close()  # noqa: S310 - local site
        except urllib.error.HTTPError as error:
            assert error.code == 404
    deadline = time.monotonic() + 5  # gunicorn writes the line just after answering
    while (
        logging_site.log("server").count("GET /search/") + logging_site.log("server").count("GET /team/") < 2
    ):
        assert time.monotonic() < deadline, logging_site.log("server")
        time.sleep(0.1)
    log = logging_site.log("server")
    lines = [line for line in log.splitlines() if '"GET /' in line]
    assert any('"GET /search/ HTTP/1.1" 200' in line for line in lines), log
    assert any('"GET /team/ HTTP/1.1"' in line for line in lines), log
    assert "korean" not in log.lower()
    assert "?" not in "".join(lines)


def test_the_access_log_does_not_say_who_sent_an_enquiry(logging_site):
    """Form posts (and visits to the forms) in every language are logged without the client's
    address; other requests keep it."""
    port = int(logging_site.url.rsplit(":", 1)[1])
    for path in FORM_POSTS:
        send(port, path, method="POST", source="127.0.0.3")
        send(port, path, source="127.0.0.3")
    send(port, "/robots.txt", source="127.0.0.3")
    logged_lines(logging_site, "/robots.txt", 1)
    lines = logged_lines(logging_site, "/contact/", 2 * len(FORM_POSTS))
    form_lines = [line for line in lines if "/contact/" in line]
    assert len(form_lines) == 2 * len(FORM_POSTS), lines
    assert not [line for line in form_lines if "127.0.0.3" in line], form_lines
    assert any(line.startswith("127.0.0.3 ") and "/robots.txt" in line for line in lines), lines


def test_gunicorn_does_not_believe_a_clients_https_claim(logging_site):
    """With no proxy in front, a client's X-Forwarded-Proto is not believed, also from loopback
    (gunicorn's own default trusts 127.0.0.1): no HSTS over plain HTTP."""
    port = int(logging_site.url.rsplit(":", 1)[1])
    for path in ("/contact/", "/"):
        response = send(port, path, headers={"X-Forwarded-Proto": "https"})
        assert response.status in (200, 404), path
        assert "Strict-Transport-Security" not in response.headers, path


def test_the_access_log_carries_no_token_of_a_link_to_a_call_or_a_calendar_feed(logging_site):
    """The client's page for her call, in two languages, and a host's feed: each is logged at its
    address with the token left out."""
    path = logging_site.shell(BOOK_A_CALL).strip().splitlines()[-1]
    token = path.split("/")[-2]
    feed_token = secrets.token_urlsafe(32)
    assert path == f"/contact/call/{token}/" and len(token) > 20
    port = int(logging_site.url.rsplit(":", 1)[1])
    with urllib.request.urlopen(logging_site.url + path, timeout=10) as response:  # noqa: S310 - local site
        assert response.status == 200
    assert send(port, f"/ko{path}").status == 200
    assert send(port, f"/calendar/{feed_token}.ics").status in (200, 404)
    lines = logged_lines(logging_site, "/calendar/", 1)
    logged_lines(logging_site, "/contact/call/", 2)
    log = logging_site.log("server")
    assert token not in log and feed_token not in log, log
    assert any('"GET /contact/call/.../ HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /ko/contact/call/.../ HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /calendar/....ics HTTP/1.1"' in line for line in lines), lines
