from django.conf import settings
from django.db import models


class SignInThrottle(models.Model):
    """Failed sign-ins (or password-reset requests) counted for one key: an account, an
    address, or an account from one address.

    A row refuses tries while `locked_until` is in the future; `accounts.throttle` keeps the
    count and decides how long (a pause, or for an account a doubling wait).
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", "Account"
        ADDRESS = "address", "Address"
        ACCOUNT_ADDRESS = "account-address", "Account, from one address"
        RESET_ACCOUNT = "reset-account", "Password reset, account"
        RESET_ADDRESS = "reset-address", "Password reset, address"
        INVITATION = "invitation", "Two-factor set-up links sent"

    scope = models.CharField(max_length=20, choices=Scope.choices)
    value = models.CharField(
        max_length=254, help_text="The username or email entered, or the client address."
    )
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    last_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "value"], name="accounts_throttle_scope_value")
        ]
        ordering = ["-locked_until", "-window_started_at"]
        verbose_name = "sign-in lockout"

    def __str__(self):
        return f"{self.get_scope_display()}: {self.value}"


class TwoFactorInvitation(models.Model):
    """The one set-up link a staff member may use now (`accounts.invitations`): the link
    carries this nonce, signed and dated; a new link replaces it and setting up deletes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_invitation"
    )
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "two-factor set-up link"

    def __str__(self):
        return f"Set-up link for {self.user}"
