from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_views, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("two-factor/", views.manage, name="accounts_two_factor"),
        path("two-factor/set-up/", views.setup, name="accounts_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("two-factor/confirm/", views.confirm, name="accounts_two_factor_confirm"),
        path("two-factor/passkeys/added/", views.passkey_added, name="accounts_passkey_added"),
        path("two-factor/passkeys/<int:pk>/remove/", views.passkey_remove, name="accounts_passkey_remove"),
        path("two-factor/webauthn/", include("accounts.passkeys")),
        path("two-factor/enrol/<str:token>/", views.enrol, name="accounts_two_factor_enrol"),
        path("reports/two-factor/", admin_views.two_factor_report, name="accounts_two_factor_report"),
        path(
            "reports/two-factor/<int:pk>/invite/",
            admin_views.send_invitation,
            name="accounts_two_factor_invite",
        ),
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


@hooks.register("register_reports_menu_item")
def register_two_factor_report():
    return SuperuserMenuItem(
        "Two-factor sign-in",
        reverse("accounts_two_factor_report"),
        name="two-factor",
        icon_name="key",
        order=901,
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Set up passkeys, an authenticator app and recovery codes for signing in.",
    }
