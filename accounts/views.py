"""The two-factor steps (set up, verify, manage) and the lockouts report, inside the Wagtail admin."""

import base64

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import invitations, notices, passkeys, throttle, two_factor
from accounts.forms import TokenForm
from accounts.models import SignInThrottle

WRONG_CODE = "That code did not work. Check the time on your phone and enter the newest code."
WAIT_FOR_CODE = (
    "After a wrong code, codes from your authenticator app are not checked for a while. "
    "Please wait {seconds} seconds and enter the newest code, or use a recovery code."
)


def code_error(check):
    """The message for a code that did not sign the person in."""
    return WAIT_FOR_CODE.format(seconds=check.wait_seconds) if check.wait_seconds else WRONG_CODE


def safe_next(request):
    """The `next` address when it stays on this site, else the admin's dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def front_end_login(request):
    """Wagtail's sign-in address for pages restricted to signed-in users (`wagtailcore_login`):
    forwards to the admin's throttled sign-in with the same `next`, so there is one password
    door. A POST is not a sign-in here either: it is forwarded as a GET."""
    target = reverse("wagtailadmin_login")
    query = request.GET.urlencode()
    return redirect(f"{target}?{query}" if query else target)


def setup(request):
    """Shows a new authenticator's QR code; a correct code confirms it, signs the session in as
    verified and shows the recovery codes once. A user who already has a device must verify
    it before replacing it; a user who must use two-factor and has none must first open the
    one-time link sent to their email (`accounts.invitations`), else they are offered a new one."""
    user = request.user
    if two_factor.has_device(user) and not user.is_verified():
        return redirect(f"{reverse('accounts_two_factor_verify')}?{request.GET.urlencode()}")
    if (
        two_factor.is_required_for(user)
        and not two_factor.has_device(user)
        and not invitations.session_allows_setup(request)
    ):
        return invitation_needed(request)
    device = two_factor.pending_app_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor.check_devices([device], form.cleaned_data["token"])
        if check.device is not None:
            codes = two_factor.confirm_app_device(device)
            invitations.use(request)
            two_factor.verified(request, device)
            return TemplateResponse(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": safe_next(request)}
            )
        form.add_error("token", code_error(check))
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": two_factor.is_required_for(user),
        "next": safe_next(request),
        "passkeys_possible": passkeys.possible_at(request),
    }
    return TemplateResponse(request, "accounts/setup.html", context)


def invitation_needed(request, *, invalid_link=False):
    """The set-up page for someone who has not opened a valid set-up link: says to use the
    link in their email and offers to send a new one to their address on file (limited)."""
    if request.method == "POST" and request.POST.get("action") == "send-invitation":
        if notices.request_invitation(user=request.user):
            messages.success(request, "We have sent a new link to the email address on your account.")
        else:
            messages.error(
                request, "Several links were sent recently. Please use the newest one, or try later."
            )
        return redirect("accounts_two_factor_setup")
    context = {"invalid_link": invalid_link, "next": safe_next(request)}
    return TemplateResponse(request, "accounts/invitation_needed.html", context)


def enrol(request, token):
    """The one-time set-up link from the email: valid for the signed-in user, it opens the
    set-up page for this session."""
    if invitations.accept(request, token):
        return redirect("accounts_two_factor_setup")
    return invitation_needed(request, invalid_link=True)


def verify(request, *, again=False):
    """Asks for the second factor after the password: a passkey, a code from the user's
    authenticator or a recovery code. `again`: the same for a signed-in user before an
    export (`confirm`)."""
    user = request.user
    if not two_factor.has_device(user):
        target = "accounts_two_factor_setup" if two_factor.is_required_for(user) else "wagtailadmin_home"
        return redirect(reverse(target))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor.check_code(user, form.cleaned_data["token"])
        if check.device is not None:
            two_factor.verified(request, check.device)
            return redirect(safe_next(request))
        form.add_error("token", code_error(check))
    context = {
        "form": form,
        "next": safe_next(request),
        "again": again,
        "fresh_minutes": settings.SECOND_FACTOR_FRESH_MINUTES,
        "has_passkey": passkeys.passkeys_of(user).exists(),
        "has_app": two_factor.has_app_device(user),
    }
    return TemplateResponse(request, "accounts/verify.html", context)


def confirm(request):
    """The second factor again, for a signed-in user whose last one is not fresh enough for
    an export (`accounts.sessions.fresh_second_factor_required`); then back to the export."""
    return verify(request, again=True)


@require_POST
def passkey_added(request):
    """Where the set-up and manage pages go once the browser has added a passkey: a first
    second factor gets its recovery codes (shown once, as with an app); else a confirmation."""
    if not passkeys.passkeys_of(request.user).exists():
        return redirect("accounts_two_factor")
    if two_factor.remaining_recovery_codes(request.user) == 0 and not two_factor.has_app_device(request.user):
        codes = two_factor.new_recovery_codes(request.user)
        return TemplateResponse(
            request, "accounts/recovery_codes.html", {"codes": codes, "next": safe_next(request)}
        )
    messages.success(request, "Your passkey is added. You can use it the next time you sign in.")
    return redirect("accounts_two_factor")


@require_POST
def passkey_remove(request, pk):
    if passkeys.remove(request.user, pk):
        messages.success(request, "The passkey is removed.")
    else:
        messages.error(
            request, "Your account needs a second step: add another passkey or an authenticator app first."
        )
    return redirect("accounts_two_factor")


def manage(request):
    """The user's own two-factor page: status, new recovery codes, turning it off when allowed."""
    user = request.user
    required = two_factor.is_required_for(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery-codes" and two_factor.has_device(user):
            codes = two_factor.new_recovery_codes(user)
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": reverse("accounts_two_factor")},
            )
        if action == "turn-off" and not required:
            two_factor.reset_devices(user)
            messages.success(request, "Two-factor sign-in is off for your account.")
        return redirect("accounts_two_factor")
    context = {
        "has_device": two_factor.has_device(user),
        "has_app": two_factor.has_app_device(user),
        "passkeys": passkeys.passkeys_of(user),
        "required": required,
        "recovery_codes_left": two_factor.remaining_recovery_codes(user),
        "next": reverse("accounts_two_factor"),
        "passkeys_possible": passkeys.possible_at(request),
    }
    return TemplateResponse(request, "accounts/manage.html", context)


def lockouts(request):
    """Superusers only: the accounts and addresses that are paused now, and recent counts."""
    if not request.user.is_superuser:
        raise PermissionDenied
    context = {
        "locked": throttle.active_lockouts().order_by("-locked_until"),
        "counting": SignInThrottle.objects.exclude(pk__in=throttle.active_lockouts()).order_by(
            "-window_started_at"
        )[:50],
    }
    return TemplateResponse(request, "accounts/lockouts.html", context)


@require_POST
def lift_lockout(request, pk):
    if not request.user.is_superuser:
        raise PermissionDenied
    row = get_object_or_404(SignInThrottle, pk=pk)
    row.delete()
    messages.success(request, f"Lifted the pause on {row}.")
    return redirect("accounts_lockouts")
