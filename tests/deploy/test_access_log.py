"""What a visitor searched for or filtered by never reaches the server's access log."""

import time
import urllib.error
import urllib.request

import pytest

from livesite import LiveSite


@pytest.fixture(scope="module")
def logging_site():
    """An empty site (no team page: /team/ answers 404, logged all the same)."""
    site = LiveSite(demo=False)
    site.gunicorn_args += ["--access-logfile", "-"]
    site.start()
    yield site
    site.stop()


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
