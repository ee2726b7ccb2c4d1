from django.apps import AppConfig, apps


def app_contributions(attribute):
    """What the installed apps add to a list the platform keeps, from the `attribute` tuple of
    each app's AppConfig, in INSTALLED_APPS order. An app without it adds nothing. Lets the
    platform serve other apps' needs (prefixes the page cache skips, say) without naming them."""
    return tuple(item for config in apps.get_app_configs() for item in getattr(config, attribute, ()))


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
        from siteplatform.structure import remember_locales

        remember_locales()  # Locale rows once per generation on public pages
