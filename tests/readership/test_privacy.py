"""Counted, not tracked: after many beacons nothing anywhere names the client, its address or
its browser; the beacon's access-log line carries no address either."""

import datetime
import io
import runpy
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from gunicorn.config import Config

from readership.models import Count
from readership.services import counts_flush
from tests.readership.conftest import beacon

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.73"
AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 UNIQUE-AGENT-7731"
ROOT = Path(__file__).resolve().parents[2]


def redis_dump(store):
    """Every key and value the readership store holds, as text."""
    lines = []
    for key in store.client.keys("*"):
        kind = store.client.type(key)
        value = store.client.hgetall(key) if kind == "hash" else store.client.dump(key)
        lines.append(f"{key} {value!r}")
    return "\n".join(lines)


def test_a_thousand_beacons_leave_no_address_or_user_agent_in_the_database_or_redis(
    site_tree, redis_counts, settings
):
    settings.READERSHIP_RATE_LIMIT = 10_000
    client = Client(REMOTE_ADDR=ADDRESS)
    for number in range(1000):
        response = beacon(client, "/services/", referrer="www.example.org", HTTP_USER_AGENT=AGENT)
        assert response.status_code == 204
        assert "Set-Cookie" not in response
        if number == 500:
            counts_flush()
    in_redis = redis_dump(redis_counts)  # what is still waiting
    counts_flush()
    assert Count.objects.get(metric="view", page_id=site_tree.services.pk).count == 1000
    database = io.StringIO()
    call_command("dumpdata", "readership", "sessions", stdout=database)
    for stored in (database.getvalue(), in_redis, redis_dump(redis_counts)):
        assert ADDRESS not in stored and ADDRESS.replace(".", "-") not in stored
        assert "UNIQUE-AGENT" not in stored and "Firefox" not in stored
    assert "example.org" in database.getvalue()  # the referring site's host, nothing more


def test_the_beacon_is_logged_without_the_client_address():
    conf = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    logger = conf["AccessLogger"](Config())

    class Response:
        status, headers, sent, response_length = "204 No Content", [], 0, 0

    class Request:
        headers = [("USER-AGENT", AGENT), ("X-FORWARDED-FOR", ADDRESS)]

    environ = {
        "PATH_INFO": "/readership/beacon",
        "REMOTE_ADDR": ADDRESS,
        "REQUEST_METHOD": "POST",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "RAW_URI": "/readership/beacon",
    }
    atoms = logger.atoms(Response(), Request(), environ, datetime.timedelta(milliseconds=1))
    line = conf["access_log_format"] % atoms
    assert '"POST /readership/beacon HTTP/1.1" 204' in line
    assert ADDRESS not in line and "UNIQUE-AGENT" not in line
    # A page's line keeps the address, as before: only the beacon and the forms drop it.
    atoms = logger.atoms(Response(), Request(), {**environ, "PATH_INFO": "/services/"}, datetime.timedelta(0))
    assert ADDRESS in conf["access_log_format"] % atoms
