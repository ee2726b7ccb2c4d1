"""What the proxy tests share: the shipped Varnish in front of a LiveSite, and raw HTTP requests
that say exactly what a client sends (its own Host, any path bytes, a chosen source address)."""

import contextlib
import http.client
from dataclasses import dataclass

import pytest

from livesite import LiveSite, free_port
from livesite.varnish import Varnish


@contextlib.contextmanager
def varnish_in_front(*, env=None, access_log=False):
    """A started LiveSite (with `env`) and the shipped VCL in a real varnishd in front of it,
    which the site purges on publish; stopped on exit. `access_log`: gunicorn writes its access
    log to the site's "server" log, so a test can see which requests reached the app."""
    varnish_port = free_port()
    site = LiveSite(env={"FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{varnish_port}", **(env or {})})
    if access_log:
        site.gunicorn_args += ["--access-logfile", "-"]
    try:
        site.start()
        with varnish_before(site, port=varnish_port) as varnish:
            yield site, varnish
    finally:
        site.stop()


@contextlib.contextmanager
def varnish_before(site, *, port=None):
    """The shipped VCL in a real varnishd in front of the running `site` (on `port`, a free one
    by default); stopped on exit. Without a purge URL the site never empties it: a test that
    publishes wants `varnish_in_front`."""
    if Varnish.executable() is None:
        pytest.fail("varnishd is missing: `make test` installs Debian's varnish (apt-get install varnish)")
    varnish = Varnish(port=port, backend_port=site.port)
    try:
        varnish.start()
        yield varnish
    finally:
        varnish.stop()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def cache(self):
        return self.headers.get("X-Cache")


def send(port, path, *, method="GET", headers=None, source="127.0.0.1", body=None):
    """One request to 127.0.0.1:`port` from `source` (127.0.0.2 is "somewhere else"), `path` sent
    as written; `headers` may replace Host. Redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()
