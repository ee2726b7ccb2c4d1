"""Who must sign in with a second factor, and the devices that provide it (django-otp)."""

import segno
from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required_for(user):
    """True when TWO_FACTOR_REQUIRED is on and the user is a superuser or holds one of
    TWO_FACTOR_PERMISSIONS (the people who can read enquiries)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(perm) for perm in settings.TWO_FACTOR_PERMISSIONS)


def has_device(user):
    return user_has_device(user, confirmed=True)


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
    """Removes every second-factor device of the user (a lost phone); returns how many."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed
