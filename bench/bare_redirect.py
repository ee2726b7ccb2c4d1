"""The floor under `make bench-booking`'s posts: a bare Django view that answers a form post
with a redirect (no middleware, no database), under the same gunicorn and workers as the site,
posted to by the same 16 clients with a consultation request's body. What a post costs on this
machine before the site does anything: `bench/booking_bench.py --floor` prints it beside the
booking posts, so the gap between them is the site's own work."""

import os

import django
from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-bare-redirect-only-0123456789abcdefghij"),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
    )
    django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
def form(request):
    if request.method == "POST":
        request.POST  # noqa: B018 - read the body as the site's form does
        return redirect("/contact/thanks/?sent=consultation")
    return redirect("/contact/intake/")


urlpatterns = [path("contact/intake/", form)]
application = get_wsgi_application()
