from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("two-factor/", views.manage, name="accounts_two_factor"),
        path("two-factor/set-up/", views.setup, name="accounts_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("reports/sign-in-lockouts/", views.lockouts, name="accounts_lockouts"),
        path("reports/sign-in-lockouts/<int:pk>/lift/", views.lift_lockout, name="accounts_lift_lockout"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_lockouts_report():
    return SuperuserMenuItem(
        "Sign-in lockouts", reverse("accounts_lockouts"), name="sign-in-lockouts", icon_name="lock", order=900
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Set up an authenticator app and recovery codes for signing in.",
    }
