"""Keep Wagtail's default Site record on SITE_URL (run at deploy, by `make run` and `make serve`)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Site

from siteplatform.site_url import site_record_values


class Command(BaseCommand):
    help = (
        "Set the default Site's hostname and port from SITE_URL, so that the sitemap, canonical "
        "links and the feed name the public address. Safe to run again; does nothing without SITE_URL."
    )

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            self.stdout.write("SITE_URL is not set; the Site record is left as it is.")
            return
        values = site_record_values(settings.SITE_URL)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet (load the content first); nothing to update.")
            return
        if {"hostname": site.hostname, "port": site.port} != values:
            # Another site may already hold this address (an older default): free it first.
            Site.objects.filter(**values).exclude(pk=site.pk).update(hostname=f"old-{site.pk}.invalid")
            for name, value in values.items():
                setattr(site, name, value)
            site.save()
        self.stdout.write(f"The site's address is {site.root_url}")
