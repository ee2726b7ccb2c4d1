from django.apps import AppConfig, apps


def app_contributions(attribute):
    """What the installed apps add to a list the platform keeps, from the `attribute` tuple of
    each app's AppConfig, in INSTALLED_APPS order. An app without it adds nothing. Lets the
    platform serve other apps' needs (prefixes the page cache skips, say) without naming them."""
    return tuple(item for config in apps.get_app_configs() for item in getattr(config, attribute, ()))


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Revision

        from practice import checks  # noqa: F401 - registers the deploy check
        from practice.images import connect_renditions_ahead
        from practice.models.translation_review import record_translator
        from practice.page_cache import connect_invalidation

        post_save.connect(record_translator, sender=Revision, dispatch_uid="practice-translator")
        connect_renditions_ahead()
        connect_invalidation()  # every cache: pages, fragments, navigation
