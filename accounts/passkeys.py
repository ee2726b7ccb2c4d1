"""Passkeys (WebAuthn) as a second factor beside the authenticator app, with django-otp-webauthn.

The package's four JSON endpoints are served under the admin (`urlpatterns`, namespace
`otp_webauthn` as its template tags expect) through subclasses that apply our rules:

- the password always comes first: passwordless sign-in is off (settings), so every ceremony
  is for the signed-in user;
- adding the first second factor for someone who must use two-factor takes the one-time link
  from their email, as the authenticator app does (`accounts.invitations`);
- a passkey that signs in, or that is added at set-up, marks the session verified through
  `two_factor.verified`, the one place the TOTP steps use too.

The relying party is the host the admin is served on (a name, never an IP address: browsers
refuse passkeys for one), and the only origin accepted is that same address.
"""

import ipaddress
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import path, reverse
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from accounts import invitations, two_factor

app_name = "otp_webauthn"


def relying_party_id(request):
    """The host name the request came to (ALLOWED_HOSTS has vouched for it), without the port."""
    return urlsplit(f"//{request.get_host()}").hostname


def possible_at(request):
    """False when the admin is open at an IP address (http://127.0.0.1:8000 after `make run`),
    where browsers refuse to make or use passkeys; the pages then point to the name instead."""
    try:
        ipaddress.ip_address(relying_party_id(request))
    except ValueError:
        return True
    return False


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        return [f"{self.request.scheme}://{self.request.get_host()}"]


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def can_remove(user, passkey):
    """A person who must use two-factor keeps at least one passkey or authenticator app."""
    if not two_factor.is_required_for(user):
        return True
    others = passkeys_of(user).exclude(pk=passkey.pk).exists()
    return others or two_factor.has_app_device(user)


def remove(user, pk):
    """Removes the user's passkey `pk` when `can_remove` allows; returns True if it did."""
    with transaction.atomic():
        passkey = passkeys_of(user).select_for_update().filter(pk=pk).first()
        if passkey is None or not can_remove(user, passkey):
            return False
        passkey.delete()
    return True


class SetupLinkRequired(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "setup_link_required"
    default_detail = "Open the set-up link sent to your email first."


def may_set_up(request):
    """The same door as the set-up page: a first second factor for someone who must use
    two-factor needs the email link; others may add one with the password alone. Someone
    with a second factor passes it first (the package refuses too)."""
    user = request.user
    if user.is_verified():
        return True
    if two_factor.has_device(user):
        return False
    return not two_factor.is_required_for(user) or invitations.session_allows_setup(request)


class SetUpDoor:
    def check_can_register(self):
        if not may_set_up(self.request):
            raise SetupLinkRequired()


class BeginRegistration(SetUpDoor, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(SetUpDoor, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        """A first passkey (set-up) uses up the email link and verifies the session, as a
        first authenticator app does; one added later leaves the session as it was."""
        first = not self.request.user.is_verified()
        response = super().post(*args, **kwargs)
        if first and self.request.user.is_verified():
            invitations.use(self.request)
            two_factor.verified(self.request, self.request.user.otp_device)
        return response


class BeginAuthentication(views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        two_factor.verified(self.request, device)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


urlpatterns = [
    path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path("authentication/begin/", BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
