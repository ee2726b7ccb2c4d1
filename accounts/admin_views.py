"""Superusers' view of two-factor sign-in: who must use it, who has set it up, and a button
that emails someone a one-time set-up link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from accounts import two_factor
from accounts.models import TwoFactorInvitation
from accounts.tasks import send_two_factor_invitation


def staff_who_read_enquiries():
    """Active superusers and holders of TWO_FACTOR_PERMISSIONS, directly or through a group."""
    query = Q(is_superuser=True)
    for perm in settings.TWO_FACTOR_PERMISSIONS:
        app_label, codename = perm.split(".")
        query |= Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
        query |= Q(
            groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename
        )
    return get_user_model().objects.filter(query, is_active=True).distinct().order_by("username")


def two_factor_report(request):
    """Superusers only: staff who read enquiries, whether each has an authenticator, and
    when their newest set-up link was made."""
    if not request.user.is_superuser:
        raise PermissionDenied
    links = dict(TwoFactorInvitation.objects.values_list("user_id", "created_at"))
    rows = [
        {"user": user, "has_device": two_factor.has_device(user), "link_made_at": links.get(user.pk)}
        for user in staff_who_read_enquiries()
    ]
    return TemplateResponse(request, "accounts/two_factor_report.html", {"rows": rows})


@require_POST
def send_invitation(request, pk):
    """Superusers only: queues a one-time set-up link to the user's email address on file."""
    if not request.user.is_superuser:
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if not user.email:
        messages.error(request, f"{user.get_username()} has no email address on file.")
    else:
        send_two_factor_invitation.enqueue(user.pk)
        messages.success(request, f"A set-up link is on its way to {user.get_username()}'s email address.")
    return redirect("accounts_two_factor_report")
