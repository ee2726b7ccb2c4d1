"""Forms for Wagtail's sign-in and password reset (plugged in through WAGTAILADMIN_USER_*_FORM)
and for the two-factor steps."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from accounts import known_devices, notices, throttle
from accounts.tasks import send_password_reset
from siteplatform.client_address import client_address

logger = logging.getLogger(__name__)
Scope = throttle.Scope


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form behind `accounts.throttle`: refuses to check any password while
    the address, or the account from this address, is paused, or while the account must wait
    (unless this browser has signed in to it before); counts each wrong password against all
    three; tells intake staff by email when their account starts being guessed."""

    def clean(self):
        account = throttle.normalise_account(self.data.get("username"))
        address = client_address(self.request) if self.request else ""
        hard_keys = [
            (Scope.ACCOUNT_ADDRESS, throttle.account_from_address(account, address) if address else ""),
            (Scope.ADDRESS, address),
        ]
        known = bool(self.request) and account in known_devices.accounts(self.request)
        if throttle.is_locked(*hard_keys):
            raise self.locked_error()
        if not known:
            wait = throttle.seconds_to_wait((Scope.ACCOUNT, account))
            if wait:
                raise ValidationError(throttle.wait_message(wait), code="wait")
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                self.count_failure(account, hard_keys, known=known)
                if throttle.is_locked(*hard_keys):
                    raise self.locked_error() from error
            raise
        throttle.clear(*hard_keys[0])
        if self.request:
            known_devices.remember(self.request, account)
        return cleaned_data

    def count_failure(self, account, hard_keys, *, known):
        for scope, value in hard_keys:
            throttle.record_failure(scope, value)
        if known:
            return  # the owner's own browser: her typos do not slow down her account
        if throttle.record_failure(Scope.ACCOUNT, account) == throttle.limit_for(Scope.ACCOUNT):
            notices.account_being_guessed(account=account)

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
