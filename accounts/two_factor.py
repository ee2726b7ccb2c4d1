"""Who must sign in with a second factor, and the devices that provide it (django-otp)."""

import math
from dataclasses import dataclass

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def reads_enquiries(user):
    """True for a superuser or a holder of one of TWO_FACTOR_PERMISSIONS (intake staff)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(perm) for perm in settings.TWO_FACTOR_PERMISSIONS)


def is_required_for(user):
    """True when TWO_FACTOR_REQUIRED is on and the user `reads_enquiries`."""
    return settings.TWO_FACTOR_REQUIRED and reads_enquiries(user)


def has_device(user):
    """Any confirmed second factor: an authenticator app, a passkey or recovery codes."""
    return user_has_device(user, confirmed=True)


def has_app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


VERIFIED_AT_SESSION_KEY = "accounts_second_factor_at"


def verified(request, device):
    """Marks the session as having passed the second factor with `device` (django-otp's flag)
    and notes when, for `accounts.sessions.second_factor_is_fresh`. Every way of passing it
    (an app code, a recovery code, a passkey, setting one up) ends here."""
    django_otp.login(request, device)
    request.session[VERIFIED_AT_SESSION_KEY] = timezone.now().timestamp()


@dataclass(frozen=True)
class CodeCheck:
    """What checking a code found: the device that accepted it, or how long to wait first
    (the device refuses to check any code before then), or neither: the code is wrong."""

    device: object = None
    wait_seconds: int = 0


def check_code(user, token):
    """Checks a code against the one kind of device it can belong to: six digits against the
    authenticator app, anything else against the recovery codes. Each kind keeps its own
    django-otp throttle, so wrong app codes never make the recovery codes wait (and the
    other way round), and a device that is waiting says so rather than calling a code wrong."""
    if token.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    return check_devices(devices, token)


def check_devices(devices, token):
    """`check_code` for the given devices (the set-up page passes the unconfirmed one)."""
    wait = 0
    with transaction.atomic():
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                wait = max(wait, seconds_until((details or {}).get("locked_until")))
                continue
            if device.verify_token(token):
                return CodeCheck(device=device)
    return CodeCheck(wait_seconds=wait)


def seconds_until(moment):
    if moment is None:
        return 1
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def pending_app_device(user):
    """The user's unconfirmed authenticator device, made on first call (shown as a QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG (made here: no third-party origin)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


@transaction.atomic
def confirm_app_device(device):
    """Confirms a checked authenticator, replacing any earlier one; returns new recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replaces the user's recovery codes with RECOVERY_CODE_COUNT fresh single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def reset_devices(user):
    """Removes every second-factor device of the user (a lost phone): authenticator app,
    recovery codes and passkeys; returns how many."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    removed += WebAuthnCredential.objects.filter(user=user).delete()[0]
    return removed
