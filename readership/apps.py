from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    """Readership numbers counted without identifying anyone (README, "Readership numbers")."""

    name = "readership"
    verbose_name = "Readership numbers"
    default_auto_field = "django.db.models.BigAutoField"
    # The beacon answers every visitor afresh; the page cache must never keep it.
    page_cache_excluded_prefixes = ("/readership/",)
    # Jobs the task worker runs on its own clock (contact/management/commands/task_worker.py):
    # (dotted path, every so many seconds).
    worker_jobs = (
        ("readership.services.counts_flush", 60),
        ("readership.services.counts_tidy", 6 * 60 * 60),
    )

    def ready(self):
        from readership import receivers  # noqa: F401 - connects the search and enquiry signals
