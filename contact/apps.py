from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact and intake"
    default_auto_field = "django.db.models.BigAutoField"
    # Where the platform's URLconf mounts this app. Its forms carry per-visitor CSRF tokens, so
    # the page cache never keeps them, and robots are kept off the thank-you page.
    page_cache_excluded_prefixes = ("/contact/",)
    robots_disallowed_paths = ("/contact/thanks/",)

    def ready(self):
        # Registered before Wagtail looks the policy up (the viewset, menus, the dashboard).
        from wagtail.permissions import register_permission_policy

        from contact.models import Submission
        from contact.models.permissions import SubmissionPermissionPolicy

        register_permission_policy(Submission, SubmissionPermissionPolicy(Submission), exact_class=True)

        from contact import checks  # noqa: F401  (registers the system checks)
