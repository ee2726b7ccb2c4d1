"""Sends a signed-in user who has not passed the second factor to set it up or to verify it,
and treats them as signed out everywhere else."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from accounts import known_devices, two_factor

# Admin views a signed-in but unverified user may still reach: the two-factor steps
# themselves, signing out, the password pages that come before signing in, and the icon
# sprite and translations those pages load (they hold no data).
OPEN_URL_NAMES = {
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "accounts_two_factor_setup",
    "accounts_two_factor_verify",
    "accounts_two_factor_enrol",
    # Passkeys (accounts.passkeys): signing in with one, and making the first one at set-up
    # (which checks the set-up link itself, as the set-up page does).
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:js-i18n-catalog",
}


class TwoFactorMiddleware:
    """Placed after django-otp's OTPMiddleware. Inside the Wagtail admin, a user with a
    confirmed device must verify it; a user for whom two-factor is required
    (`two_factor.is_required_for`) and who has no device must set one up first.

    It also gives a browser whose password sign-in just succeeded its known-device cookie
    (`accounts.known_devices`): the sign-in form marks the request, the response carries it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        known_devices.set_cookie(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if two_factor.has_device(user):
            target = "accounts_two_factor_verify"
        elif two_factor.is_required_for(user):
            target = "accounts_two_factor_setup"
        else:
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            # On the site (a page restricted to signed-in staff, a preview link), the password
            # alone signs nobody in: the request goes on as an anonymous visitor's.
            request.user = AnonymousUser()
            return None
        url_name = request.resolver_match.view_name if request.resolver_match else None
        if url_name == "wagtailadmin_login" and request.method == "GET":
            # The password was given (a private page sent them back to sign in): the code is
            # what is missing, and the sign-in page would only send them back to the page.
            next_url = request.GET.get("next") or reverse("wagtailadmin_home")
            return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
        if url_name in OPEN_URL_NAMES:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
