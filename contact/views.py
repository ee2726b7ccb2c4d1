"""The contact and consultation request pages. Thin: validation lives in the forms, the
saving and queueing in `contact.services`."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from booking.services import SlotTaken
from contact.forms import ConsultationRequestForm, ContactForm
from contact.services import RateLimited, submission_create, submission_discard
from contact.spam import RATE_LIMITED_MESSAGE, is_rate_limited
from contact.thanks import reply_channel, thanks_url, while_you_wait

FORM_PAGES = {
    "contact": {"form_class": ContactForm, "template": "contact/contact_form.html"},
    "consultation": {"form_class": ConsultationRequestForm, "template": "contact/intake_form.html"},
}


def _form_page(request, kind):
    page = FORM_PAGES[kind]
    form_class = page["form_class"]
    status = 200
    # The consultation request's "More days" link shows every day with free times.
    options = {"more_days": request.GET.get("more") == "days"} if kind == "consultation" else {}
    if request.method == "POST":
        form = form_class(data=request.POST, **options)
        if form.is_honeypot_filled():
            # Spam is discarded quietly: the bot sees the same page a person would.
            submission_discard(request=request)
            return redirect(thanks_url(kind, request.POST.get("preferred_channel", "")))
        if form.is_valid():
            try:
                submission_create(form=form, request=request)
            except RateLimited:
                pass
            except SlotTaken:
                form.time_taken()
                return render(request, page["template"], {"form": form}, status=409)
            else:
                return redirect(thanks_url(kind, form.cleaned_data["preferred_channel"]))
        # A client past the limit hears so even with mistakes in the form: fixing them won't help.
        if is_rate_limited(request):
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        else:
            status = 400
    else:
        form = form_class(initial=_initial_from_query(request, kind), **options)
    return render(request, page["template"], {"form": form}, status=status)


def _initial_from_query(request, kind):
    """`?service=` and `?clinician=` slugs preselect those choices on the consultation request;
    values that are not plausible slugs are dropped (the form ignores unknown ones)."""
    if kind != "consultation":
        return {}
    initial = {}
    for name in ("service", "clinician"):
        value = request.GET.get(name, "")
        if value and value.isascii() and value.isprintable() and len(value) < 256:
            initial[name] = value
    return initial


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    return _form_page(request, "contact")


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def intake(request):
    return _form_page(request, "consultation")


@require_http_methods(["GET", "HEAD"])
def thanks(request):
    kind = "consultation" if request.GET.get("sent") == "consultation" else "contact"
    context = {
        "kind": kind,
        "channel": reply_channel(request.GET.get("reply")),
        "reading": while_you_wait(request),
        "hide_header_cta": True,  # the visitor has just asked: no second booking button
    }
    return render(request, "contact/thanks.html", context)
