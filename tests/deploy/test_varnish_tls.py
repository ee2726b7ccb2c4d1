"""The shipped VCL behind a TLS terminator: the set-up of README's "A caching proxy in front" with
HTTPS, where the site believes X-Forwarded-Proto (TRUSTED_PROXY_COUNT=1) and redirects plain HTTP
to HTTPS (SECURE_SSL_REDIRECT).

Varnish is the proxy the site trusts, so it decides what X-Forwarded-Proto says: the header of the
TLS terminator (the `tls_terminators` acl; loopback here, so this test's own requests from
127.0.0.1 play the terminator) is kept, anyone else's is replaced with "http". Answers for HTTP and
HTTPS are kept apart.
"""

import pytest

from tests.deploy.proxy import send, varnish_in_front

pytestmark = pytest.mark.slow

HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def tls_stack():
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.deploy.https_settings",
        "TRUSTED_PROXY_COUNT": "1",
        "SECURE_SSL_REDIRECT": "True",
    }
    with varnish_in_front(env=env) as (site, varnish):
        yield site, varnish


def test_the_https_redirect_is_not_served_to_https_visitors(tls_stack):
    _, varnish = tls_stack
    # A listing page of its own (`page` is a parameter the site keeps; an unknown one would
    # be neither kept by the app nor by Varnish), fresh for this test.
    plain = send(varnish.port, "/blog/?page=1")
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{varnish.port}/blog/?page=1"
    for _ in range(2):
        secure = send(varnish.port, "/blog/?page=1", headers=HTTPS)
        assert secure.status == 200, f"an HTTPS visitor was sent to {secure.headers['Location']}"
    assert secure.cache == "HIT"
    assert send(varnish.port, "/blog/?page=1").status == 301, "a plain-HTTP visitor got the HTTPS page"


def test_a_client_cannot_claim_https(tls_stack):
    """Only the TLS terminator says a request came over HTTPS: a client that sends the header
    itself is taken at its word of plain HTTP, redirected, and gets no HSTS over HTTP."""
    _, varnish = tls_stack
    for path in ("/contact/", "/blog/"):
        claimed = send(varnish.port, path, headers=HTTPS, source="127.0.0.2")
        assert claimed.status == 301, path
        assert claimed.headers["Location"].startswith("https://"), path
        assert "Strict-Transport-Security" not in claimed.headers, path
    real = send(varnish.port, "/contact/", headers=HTTPS)
    assert real.status == 200
    assert "Strict-Transport-Security" in real.headers
