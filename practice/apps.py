from django.apps import AppConfig


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
