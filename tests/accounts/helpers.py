"""Signing staff in as a person does: password, then a real code from their authenticator.

`verified_login(client, user)` is the helper for any test that needs a fully signed-in admin
session while two-factor is required (TWO_FACTOR_REQUIRED, off for the rest of the suite).
"""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import invitations, two_factor

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


def make_user(django_user_model, username, *, superuser=False, permissions=(), groups=()):
    """A staff user who can reach the Wagtail admin, with the given 'app.codename' permissions
    and membership of the named existing groups."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, is_superuser=superuser
    )
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for perm in permissions:
        app_label, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user.groups.add(group, *Group.objects.filter(name__in=groups))
    return user


def give_authenticator(user):
    """A confirmed TOTP device for the user, as the set-up page leaves it."""
    device = two_factor.pending_app_device(user)
    two_factor.confirm_app_device(device)
    device.refresh_from_db()
    return device


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def verified_login(client, user):
    """Signs the user in and passes the second factor with a real TOTP code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_authenticator(user)
    client.force_login(user)
    response = client.post("/admin/two-factor/verify/", {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/", response
    return device


def open_set_up_link(client, user):
    """Opens a fresh one-time set-up link for the signed-in user, as from their email."""
    path = reverse("accounts_two_factor_enrol", args=[invitations.issue(user)])
    response = client.get(path)
    assert response.status_code == 302 and response.url == reverse("accounts_two_factor_setup"), response
