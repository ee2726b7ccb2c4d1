"""The sitemap read as a crawler reads it: the index at /sitemap.xml, then each section it lists."""

import xml.etree.ElementTree as ET  # noqa: S405 - the site's own sitemap
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def section_locations(read):
    """The sections' addresses the index lists; `read(path)` returns a path's body."""
    index = ET.fromstring(read("/sitemap.xml"))  # noqa: S314
    assert index.tag == f"{{{NS['s']}}}sitemapindex", index.tag
    return [el.text for el in index.findall("s:sitemap/s:loc", NS)]


def sitemap_urls(read):
    """Every <url> element of every section, in order."""
    urls = []
    for location in section_locations(read):
        urls += ET.fromstring(read(urlsplit(location).path)).findall("s:url", NS)  # noqa: S314
    return urls


def sitemap_locs(read):
    """Every address the sitemap lists, across its sections, in order."""
    return [url.findtext("s:loc", namespaces=NS) for url in sitemap_urls(read)]


def client_reader(client):
    """`read` for a Django test client."""
    return lambda path: client.get(path).content
