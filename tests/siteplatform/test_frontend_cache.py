"""The proxy or CDN in front of the site is emptied in one request when content changes, whatever
the number of pages and languages, and whatever language the editor's admin runs in."""

import http.server
import threading

import pytest
from django.test import override_settings
from django.utils import translation

from siteplatform import frontend_cache
from siteplatform.frontend_cache import CloudflareBackend


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for Varnish on a loopback port that notes each PURGE it gets."""

    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("admin_language", ["en", "ko"])
def test_a_publish_empties_the_proxy_in_one_request(
    site_tree, proxy, django_capture_on_commit_callbacks, admin_language
):
    page = site_tree.home.get_children().first().specific
    page.title = "Revised"
    with translation.override(admin_language), django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert proxy == [("localhost", "/*")]


def test_changes_that_show_nowhere_purge_nothing(site_tree, proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.home.save_revision()  # a draft
    assert proxy == []


def test_without_a_proxy_nothing_is_sent(site_tree, monkeypatch):
    sent = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.PurgeBatch.purge", lambda *a, **k: sent.append(a)
    )
    with override_settings(WAGTAILFRONTENDCACHE={}):
        frontend_cache.purge_everything()
    assert sent == []


class Posted:
    def __init__(self):
        self.calls = []

    def __call__(self, url, json, headers, timeout):
        self.calls.append((url, json, headers))
        return type("Response", (), {"json": lambda self: {"success": True}, "text": ""})()


def test_cloudflare_empties_the_zone_for_everything_and_names_files_otherwise(monkeypatch):
    posted = Posted()
    monkeypatch.setattr("requests.post", posted)
    backend = CloudflareBackend({"ZONEID": "zone", "BEARER_TOKEN": "token"})
    backend.purge_batch(["https://www.example.org/*"])
    backend.purge_batch(["https://www.example.org/blog/"])
    assert [json for _url, json, _headers in posted.calls] == [
        {"purge_everything": True},
        {"files": ["https://www.example.org/blog/"]},
    ]
    assert all(url.endswith("/zones/zone/purge_cache") for url, _json, _headers in posted.calls)
    assert all(headers["Authorization"] == "Bearer token" for _url, _json, headers in posted.calls)


def test_a_failed_cloudflare_purge_is_logged_not_raised(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        return type("Response", (), {"json": lambda self: {"success": False}, "text": "bad token"})()

    monkeypatch.setattr("requests.post", refuse)
    CloudflareBackend({"ZONEID": "zone", "BEARER_TOKEN": "token"}).purge_batch(["https://x.org/*"])
    assert "Couldn't empty the Cloudflare zone zone: bad token" in caplog.text
