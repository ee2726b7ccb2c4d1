from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Revision
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from practice import checks  # noqa: F401 - registers the deploy check
        from practice.images import connect_renditions_ahead
        from practice.models import NavigationSettings, PracticeSettings
        from practice.models.translation_review import record_translator
        from practice.navigation import invalidate_navigation
        from practice.page_cache import connect_invalidation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_navigation, dispatch_uid=f"practice-nav-{signal!r}")
        post_delete.connect(invalidate_navigation, dispatch_uid="practice-nav-delete")
        post_save.connect(invalidate_navigation, sender=NavigationSettings, dispatch_uid="practice-nav-save")
        # The footer's "Browsing safely" link is chosen in the practice settings.
        post_save.connect(
            invalidate_navigation, sender=PracticeSettings, dispatch_uid="practice-nav-practice"
        )
        post_save.connect(record_translator, sender=Revision, dispatch_uid="practice-translator")
        connect_renditions_ahead()
        connect_invalidation()
