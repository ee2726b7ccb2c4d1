from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in throttling, two-factor, password reset."""

    name = "accounts"
    verbose_name = "Staff accounts"
    default_auto_field = "django.db.models.BigAutoField"
