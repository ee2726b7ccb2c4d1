"""The proxy or CDN in front of the site follows the app's page cache: when content changes, it is
emptied, in one request per site, as the app's one generation makes every page stale at once.

Naming every page × every language instead (the old purge list) was a second place deciding a
page's addresses, and grew with the site. `EVERYTHING` is the address that means "all of this
site" to each backend settings configure:

- Varnish (`deploy/varnish/default.vcl`): a `PURGE /*` from an app host bans every object;
- CloudFront: `/*` is its own wildcard invalidation, through Wagtail's backend as it is;
- Cloudflare: `CloudflareBackend` below asks for `purge_everything` for the zone.
"""

import logging
from urllib.parse import urlsplit

import requests
from django.conf import settings
from wagtail.contrib.frontend_cache.backends.cloudflare import CloudflareBackend as WagtailCloudflareBackend

logger = logging.getLogger("wagtail.frontendcache")

EVERYTHING = "/*"


def purge_everything():
    """Empties the proxy or CDN of every site, when WAGTAILFRONTENDCACHE names one."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Site

    PurgeBatch([site.root_url + EVERYTHING for site in Site.objects.all()]).purge()


class CloudflareBackend(WagtailCloudflareBackend):
    """Wagtail's Cloudflare backend, for which `EVERYTHING` empties the zone: Cloudflare purges
    named files only, with no wildcard, except through `purge_everything`."""

    def purge_batch(self, urls):
        named = [url for url in urls if urlsplit(url).path != EVERYTHING]
        if len(named) < len(urls):
            self.purge_zone()
        if named:
            super().purge_batch(named)

    def purge(self, url):
        self.purge_batch([url])

    def purge_zone(self):
        if self.cloudflare_token:
            headers = {"Authorization": f"Bearer {self.cloudflare_token}"}
        else:
            headers = {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json={"purge_everything": True},
                headers=headers,
                timeout=30,
            )
            succeeded = response.json().get("success") is True
        except (requests.RequestException, ValueError) as error:
            logger.error("Couldn't empty the Cloudflare zone %s: %s", self.cloudflare_zoneid, error)
            return
        if not succeeded:
            logger.error(
                "Couldn't empty the Cloudflare zone %s: %s", self.cloudflare_zoneid, response.text[:200]
            )
