from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Consultation booking"
    default_auto_field = "django.db.models.BigAutoField"
    # Each host's private calendar feed (/calendar/<token>.ics) is never kept by the page cache.
    page_cache_excluded_prefixes = ("/calendar/",)

    def ready(self):
        import logging

        from booking.views import REQUEST_LOGGERS, HideLinkTokens

        for name in REQUEST_LOGGERS:
            logging.getLogger(name).addFilter(HideLinkTokens())
