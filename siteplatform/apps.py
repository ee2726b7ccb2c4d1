from django.apps import AppConfig


class SitePlatformConfig(AppConfig):
    """The platform every app of the site stands on: settings, URLs, middleware, the page and
    fragment cache with its invalidation, languages, the site-level views and deploy checks.
    It imports no app of the site (practice, blog, contact, accounts)."""

    name = "siteplatform"
    verbose_name = "Site platform"

    def ready(self):
        from siteplatform import checks  # noqa: F401 - registers the deploy check
        from siteplatform.page_cache import connect_invalidation

        connect_invalidation()  # every cache: pages, fragments, navigation
