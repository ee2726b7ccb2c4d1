"""The client's own page for a booked call, reached by the signed link in the confirmation, and
each host's calendar feed."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from booking import feed, links
from booking.models import ConsultationHost


def manage(request, token):
    try:
        booking = links.booking_for_token(token)
    except links.BadLink as error:
        raise Http404("This link has expired or its call is no longer booked.") from error
    return render(request, "booking/manage.html", {"booking": booking}, status=200)


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
