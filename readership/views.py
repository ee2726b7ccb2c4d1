"""The beacon: a page's script posts the page's path here after it has been shown."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from readership.services import is_counted, rate_limited, view_record


def no_content():
    return HttpResponse(status=204)


@csrf_exempt  # no cookie, no session, nothing per visitor: there is nothing to forge
@never_cache
@require_POST
def beacon(request):
    """Always 204 (a browser does nothing with the answer), after counting the view when the
    visitor may be counted: not opted out, not a crawler, a page of this site sent from this
    site, within the rate limit, and a live page's path."""
    if not is_counted(request) or not same_origin(request) or rate_limited(request):
        return no_content()
    view_record(request=request, path=request.POST.get("p", ""), referrer_host=request.POST.get("r", ""))
    return no_content()


def same_origin(request):
    """Whether the browser says the beacon came from a page of this site (Sec-Fetch-Site, else
    Origin); a request without either (a script, not a browser) is not counted."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is not None and origin.split("://", 1)[-1] == request.get_host()
