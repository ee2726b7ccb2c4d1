"""The client's own page for a booked call, reached by the signed link in the confirmation."""

from django.http import Http404
from django.shortcuts import render

from booking import links


def manage(request, token):
    try:
        booking = links.booking_for_token(token)
    except links.BadLink as error:
        raise Http404("This link has expired or its call is no longer booked.") from error
    return render(request, "booking/manage.html", {"booking": booking}, status=200)
