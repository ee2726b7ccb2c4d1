"""The beacon: a page's script posts its path; the view counts it, or not, and always says 204."""

import pytest
from django.test import Client

from readership.models import Count
from readership.services import counts_flush
from tests.readership.conftest import BROWSER, beacon

pytestmark = pytest.mark.django_db


def views(**filters):
    counts_flush()
    return sum(Count.objects.filter(metric="view", **filters).values_list("count", flat=True))


def sources():
    counts_flush()
    return dict(Count.objects.filter(metric="source").values_list("source", "count"))


def test_a_view_of_a_live_page_is_counted_per_page_day_and_language(client, site_tree):
    for _ in range(3):
        assert beacon(client, "/services/").status_code == 204
    assert beacon(client, "/").status_code == 204
    assert views(page_id=site_tree.services.pk, language="en") == 3
    assert views(page_id=site_tree.home.pk) == 1
    row = Count.objects.get(metric="view", page_id=site_tree.services.pk)
    assert row.period == "day" and row.day.isoformat()  # one day, nothing finer


def test_a_counted_beacon_asks_the_database_nothing(
    client, site_tree, redis_counts, django_assert_num_queries
):
    """The beacon is posted for every view, most of them answered by a cache: it must stay as
    cheap as the cached page (`make bench`: 1,000 beacons a second on 2 cores)."""
    beacon(client, "/team/")  # the first one after a publish builds the map of live pages
    with django_assert_num_queries(0):
        for path in ("/services/", "/ko/services/", "/team/"):
            assert beacon(client, path, referrer="www.example.org").status_code == 204
    assert views(page_id=site_tree.team.pk) == 2 and views(page_id=site_tree.services.pk) == 2


def test_an_english_page_read_under_another_language_counts_in_that_language(client, site_tree):
    assert beacon(client, "/ko/services/").status_code == 204
    assert views(page_id=site_tree.services.pk, language="ko") == 1


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/admin/", "https://elsewhere.example/", "", "services", "/" * 400]
)
def test_paths_of_no_live_page_are_answered_204_and_not_counted(client, site_tree, path):
    assert beacon(client, path).status_code == 204
    assert views() == 0


def test_a_draft_page_is_not_counted(client, site_tree):
    site_tree.team.unpublish()
    assert beacon(client, "/team/").status_code == 204
    assert views() == 0


@pytest.mark.parametrize("header", [{"HTTP_SEC_GPC": "1"}, {"HTTP_DNT": "1"}])
def test_a_browser_that_asks_not_to_be_tracked_is_not_counted(client, site_tree, header):
    assert beacon(client, "/services/", **header).status_code == 204
    assert views() == 0


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "python-requests/2.32.3",
        "",
    ],
)
def test_crawlers_are_not_counted(client, site_tree, agent):
    assert beacon(client, "/services/", HTTP_USER_AGENT=agent).status_code == 204
    assert views() == 0


def test_a_beacon_from_another_site_is_not_counted(client, site_tree):
    assert beacon(client, "/services/", HTTP_SEC_FETCH_SITE="cross-site").status_code == 204
    assert views() == 0


def test_one_address_is_counted_at_most_the_rate_limit_per_minute(client, site_tree, settings):
    settings.READERSHIP_RATE_LIMIT = 5
    for _ in range(12):
        assert beacon(client, "/services/").status_code == 204
    assert views() == 5
    other = beacon(client, "/services/", REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 204
    assert views() == 6


def test_where_visitors_came_from_is_a_host_search_engine_or_direct(client, site_tree):
    beacon(client, "/services/", referrer="www.google.com")
    beacon(client, "/services/", referrer="search.naver.com")
    beacon(client, "/services/", referrer="www.psychologytoday.com")
    beacon(client, "/services/", referrer="")
    beacon(client, "/services/", referrer="testserver")  # from another page of this site
    beacon(client, "/services/", referrer="not a host/with?query=anxiety")
    assert sources() == {"search engine": 2, "psychologytoday.com": 1, "direct": 1}


def test_the_beacon_is_never_cached_and_refuses_get(client, site_tree):
    response = beacon(client, "/services/")
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"] and "Set-Cookie" not in response
    assert client.get("/readership/beacon").status_code == 405


def test_pages_carry_the_beacon_script_from_this_site_even_from_the_page_cache(site_tree):
    client = Client(HTTP_USER_AGENT=BROWSER)
    first, second = client.get("/services/"), client.get("/services/")
    assert second["X-Cache"] == "HIT"
    for response in (first, second):
        html = response.content.decode()
        assert (
            '<script src="/static/js/readership.js" data-endpoint="/readership/beacon" defer></script>'
            in html
        )
    # The CSP stays as strict as it was: scripts from this site only, connections to it only.
    assert "script-src 'self';" in second["Content-Security-Policy"]
    assert "connect-src 'self';" in second["Content-Security-Policy"]


def test_with_counting_off_no_script_is_sent_and_nothing_is_counted(client, site_tree, settings):
    settings.READERSHIP_ENABLED = False
    assert "readership.js" not in client.get("/services/").content.decode()
    assert beacon(client, "/services/").status_code == 204
    assert views() == 0


def test_the_script_sends_nothing_when_the_browser_asks_not_to_be_tracked():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "static/js/readership.js").read_text()
    assert "globalPrivacyControl" in script and "doNotTrack" in script
    assert "cookie" not in script.replace("No cookie", "") and "localStorage" not in script
