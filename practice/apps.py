from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import Revision

        from practice.images import connect_renditions_ahead
        from practice.models.translation_review import record_translator

        post_save.connect(record_translator, sender=Revision, dispatch_uid="practice-translator")
        connect_renditions_ahead()
