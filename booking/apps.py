from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Consultation booking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import logging

        from booking.views import REQUEST_LOGGERS, HideLinkTokens

        for name in REQUEST_LOGGERS:
            logging.getLogger(name).addFilter(HideLinkTokens())
