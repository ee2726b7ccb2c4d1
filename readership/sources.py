"""Where a visit came from, reduced to what the report needs: another site's host, "search
engine" or "direct". The referring address's path and query (which may say what someone
searched for) are never read."""

import re

DIRECT = "direct"
SEARCH_ENGINE = "search engine"
# Hosts of the search engines visitors of this practice use, matched on the registrable part.
SEARCH_ENGINES = re.compile(
    r"(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.[a-z.]+|ecosia\.org|"
    r"search\.brave\.com|startpage\.com|qwant\.com|kagi\.com|baidu\.com|yandex\.[a-z.]+|"
    r"naver\.com|daum\.net|yahoo\.co\.jp)$"
)
HOSTNAME = re.compile(r"(?=.{1,100}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def source_of(referrer_host, own_host):
    """The source "direct" without a referrer, None for this site (moving between its pages is no
    source), "search engine", or the other site's host without "www."; None for anything that
    is not a host name."""
    host = (referrer_host or "").strip().lower().rstrip(".")
    if not host:
        return DIRECT
    host = host.split(":", 1)[0]
    if host == (own_host or "").split(":", 1)[0].lower():
        return None
    if not HOSTNAME.fullmatch(host):
        return None
    if SEARCH_ENGINES.search(host):
        return SEARCH_ENGINE
    return host.removeprefix("www.")
