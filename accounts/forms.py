"""Forms for Wagtail's sign-in and password reset (plugged in through WAGTAILADMIN_USER_*_FORM)
and for the two-factor steps."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from accounts import throttle
from accounts.tasks import send_password_reset
from practice.client_address import client_address

logger = logging.getLogger(__name__)
Scope = throttle.Scope


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing to check any password while the account or the client
    address is locked, and counting each wrong password against both."""

    def clean(self):
        account = throttle.normalise_account(self.data.get("username"))
        address = client_address(self.request) if self.request else ""
        keys = [(Scope.ACCOUNT, account), (Scope.ADDRESS, address)]
        if throttle.is_locked(*keys):
            raise self.locked_error()
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.record_failure(Scope.ACCOUNT, account)
                throttle.record_failure(Scope.ADDRESS, address)
                if throttle.is_locked(*keys):
                    raise self.locked_error() from error
            raise
        throttle.clear(Scope.ACCOUNT, account)
        return cleaned_data

    def locked_error(self):
        return ValidationError(
            throttle.LOCKED_MESSAGE.format(minutes=throttle.lockout_minutes()), code="locked"
        )


class QueuedPasswordResetForm(PasswordResetForm):
    """Queues the reset mail (the task takes the user's pk and makes the token when it sends),
    so a known and an unknown address take the same time to answer.

    Every request counts against the address entered and the client address; past the limit
    nothing is queued. The page the visitor sees next is the same either way.
    """

    def save(self, *, request=None, **kwargs):
        email = throttle.normalise_account(self.cleaned_data["email"])
        address = client_address(request) if request else ""
        keys = [(Scope.RESET_ACCOUNT, email), (Scope.RESET_ADDRESS, address)]
        if throttle.is_locked(*keys):
            logger.warning("Password reset request refused: too many requests")
            return
        for scope, value in keys:
            throttle.record_failure(scope, value)
        for user in self.get_users(email):
            send_password_reset.enqueue(user.pk)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
