"""The client's own page for a booked call, reached by the signed link in the confirmation: the
call's time, and two actions that ask no reason (cancel it, move it). Thin: the link is read in
`booking.links`, the new time in `booking.forms.MoveForm`, and the call changed by
`booking.services`, which never leave two live bookings or none. And each host's calendar feed."""

import logging
from functools import wraps

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from booking import feed, links
from booking.forms import CallTime, MoveForm
from booking.models import ConsultationHost
from booking.services import BookingChanged, SlotTaken, cancel, move

MOVED = "moved"  # the query parameter of the page shown after a move (never logged: no query strings)
ELLIPSIS = "..."  # a token's stand-in in log lines, as in gunicorn's access log
# Django's loggers that name a request's path: a refused CSRF check (4xx) and a fault (5xx).
REQUEST_LOGGERS = ("django.security.csrf", "django.request")


def private_link(view):
    """Every answer at a token's address, error pages included: kept by no cache (the page cache
    and the shipped Varnish pass /contact/ too), never named with its token in a Referer header
    (to the site itself, a proxy's log or anyone else), and indexed by no search engine.

    `strict-origin` rather than `no-referrer`: under `no-referrer` a browser posts the page's
    forms with `Origin: null`, which Django's CSRF check rightly refuses; `strict-origin` sends
    the site's origin alone, never the path that holds the token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    wrapped.private_link_argument = "token"  # kept by the decorators above it (functools.wraps)
    return wrapped


class HideLinkTokens(logging.Filter):
    """Django's own log lines about a request name its path ("Forbidden (CSRF cookie not set.):
    /contact/call/<token>/"): for a view marked by `private_link`, its token is left out, as
    gunicorn's access log leaves it out. Installed on REQUEST_LOGGERS by BookingConfig.ready()."""

    def filter(self, record):
        match = getattr(getattr(record, "request", None), "resolver_match", None)
        name = getattr(match.func, "private_link_argument", None) if match else None
        token = match.kwargs.get(name) if name else None
        if token and isinstance(record.args, tuple):
            record.msg = str(record.msg).replace(token, ELLIPSIS)
            record.args = tuple(
                arg.replace(token, ELLIPSIS) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


@never_cache
@private_link
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        booking = links.booking_for_token(token)
    except links.CallCancelled:
        if action == "cancel":  # a second click, or a reload of the confirmation
            return render(request, "booking/cancelled.html", {"already": True})
        return render(request, "booking/link_gone.html", {"reason": "cancelled"}, status=410)
    except links.LinkExpired:
        return render(request, "booking/link_gone.html", {"reason": "expired"}, status=410)
    except links.BadLink:
        return render(request, "booking/link_gone.html", {"reason": "unknown"}, status=404)

    if action == "cancel":
        return render(request, "booking/cancelled.html", {"already": not cancel(booking)})
    status = 200
    if action == "move":
        form = MoveForm(booking, data=request.POST)
        if form.is_valid():
            try:
                move(booking, start=form.cleaned_data["consultation_time"])
            except SlotTaken:
                form.time_taken()
                status = 409
            except BookingChanged:
                return redirect(request.path)  # changed in another tab: show it as it is now
            else:
                return redirect(f"{request.path}?{MOVED}=1")
        else:
            status = 400
    else:
        form = MoveForm(booking, more_days=request.GET.get("more") == "days")
    context = {"booking": booking, "when": CallTime.of(booking), "form": form, "moved": MOVED in request.GET}
    return render(request, "booking/manage.html", context, status=status)


@require_safe
def calendar_feed(request, token):
    """/calendar/<token>.ics: the host's calls, read-only. An unknown or reset token gets the
    site's ordinary 404, the same as any address that does not exist. Never kept by a browser,
    the page cache or a proxy (private, no-store), and the access log leaves the token out."""
    host = ConsultationHost.objects.filter(feed_token=token).first() if token else None
    if host is None:
        raise Http404
    response = HttpResponse(feed.calendar_bytes(host), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="consultations.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


calendar_feed.private_link_argument = "token"  # Django's log lines leave it out too (HideLinkTokens)
