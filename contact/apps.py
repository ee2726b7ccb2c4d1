from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact and intake"
    default_auto_field = "django.db.models.BigAutoField"
    # Where the platform's URLconf mounts this app. Its forms carry per-visitor CSRF tokens, so
    # the page cache never keeps them, and robots are kept off the thank-you page.
    page_cache_excluded_prefixes = ("/contact/",)
    robots_disallowed_paths = ("/contact/thanks/",)
    # Jobs the task worker runs on its own clock (contact/management/commands/task_worker.py):
    # call reminders whose task was lost or never queued go out within this many seconds.
    worker_jobs = (("contact.notifications.reminders_catch_up", 5 * 60),)

    def ready(self):
        # Registered before Wagtail looks the policy up (the viewset, menus, the dashboard).
        from wagtail.permissions import register_permission_policy

        from contact.models import Submission
        from contact.models.permissions import SubmissionPermissionPolicy

        register_permission_policy(Submission, SubmissionPermissionPolicy(Submission), exact_class=True)

        from booking.signals import call_changed
        from contact import checks  # noqa: F401  (registers the system checks)
        from contact.notifications import call_changed_notify

        call_changed.connect(call_changed_notify, dispatch_uid="contact.call_changed_notify")
