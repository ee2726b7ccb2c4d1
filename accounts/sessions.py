"""Staff sessions fit for protected health information: for staff who can read enquiries
(`two_factor.reads_enquiries`), sign-out after STAFF_IDLE_MINUTES without a request, and a
fresh second factor (given within SECOND_FACTOR_FRESH_MINUTES) before an export.

Other staff keep Django's usual session. A password change ends every other session of the
user through Django's session auth hash (with it goes the two-factor flag, kept in the session).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts import two_factor

LAST_SEEN_SESSION_KEY = "accounts_last_seen"
# The last request is written to the session at most this often (one write a minute, not one
# per request); idle sign-out is therefore exact to within this many seconds.
LAST_SEEN_RESOLUTION_SECONDS = 60
# Requests the admin makes by itself, without the person doing anything: the page editor's
# "who else is editing" ping every few seconds. They neither count as activity nor sign out.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}
IDLE_MESSAGE = (
    "You were signed out because the admin was not used for {minutes} minutes. "
    "This keeps enquiries private on a screen left open. Sign in again to carry on."
)


def is_background(request):
    match = request.resolver_match
    return bool(match) and bool(BACKGROUND_NAMESPACES & set(match.namespaces))


# A view class with this attribute true holds personal data in its spreadsheet exports
# (`?export=csv|xlsx`, Wagtail's SpreadsheetExportMixin): contact's enquiry list sets it.
EXPORT_FLAG = "export_needs_fresh_second_factor"
EXPORT_FORMATS = {"csv", "xlsx"}


class StaffSessionMiddleware:
    """Placed after the authentication and django-otp middleware; applies to staff who read
    enquiries only.

    - Signs them out when their previous request came more than STAFF_IDLE_MINUTES ago, then
      sends them to the sign-in page, which says why (a background request gets there too;
      the person sees the message when they next load a page).
    - Sends an export of a flagged view (EXPORT_FLAG) to the second factor first when it is
      not fresh (`fresh_second_factor_required`), and from there back to the export."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not two_factor.reads_enquiries(user):
            return None
        if signed_out := sign_out_when_idle(request):
            return signed_out
        if is_sensitive_export(request, view_func):
            return fresh_second_factor_required(request)
        return None


def is_sensitive_export(request, view_func):
    view_class = getattr(view_func, "view_class", None)
    return request.GET.get("export") in EXPORT_FORMATS and getattr(view_class, EXPORT_FLAG, False)


def sign_out_when_idle(request):
    """Signs the user out and returns the redirect to the sign-in page when the session has
    been idle too long; else notes this request as activity (unless it is a background one)."""
    now = timezone.now().timestamp()
    last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
    if last_seen is not None and now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
        logout(request)
        messages.info(request, IDLE_MESSAGE.format(minutes=settings.STAFF_IDLE_MINUTES))
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(
            f"{reverse('wagtailadmin_login')}?{query}" if query else reverse("wagtailadmin_login")
        )
    if is_background(request):
        return None
    if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
        request.session[LAST_SEEN_SESSION_KEY] = now
    return None


def second_factor_is_fresh(request):
    """True when the session passed its second factor within SECOND_FACTOR_FRESH_MINUTES."""
    verified_at = request.session.get(two_factor.VERIFIED_AT_SESSION_KEY)
    if verified_at is None or not request.user.is_verified():
        return False
    return timezone.now().timestamp() - verified_at <= settings.SECOND_FACTOR_FRESH_MINUTES * 60


def fresh_second_factor_required(request):
    """None when the request may go on to export enquiries; else a redirect to the page that
    asks for the second factor again and then comes back to this address. A user without any
    second factor (two-factor not required, none set up) has nothing to be asked for."""
    if not two_factor.has_device(request.user) or second_factor_is_fresh(request):
        return None
    return redirect(
        f"{reverse('accounts_two_factor_confirm')}?{urlencode({'next': request.get_full_path()})}"
    )
