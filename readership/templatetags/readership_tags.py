from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def readership_beacon(context):
    """The beacon's script tag (same origin, deferred, no inline code), or nothing when counting
    is off or the page is a preview."""
    request = context.get("request")
    if not settings.READERSHIP_ENABLED or request is None or getattr(request, "is_preview", False):
        return ""
    return format_html(
        '<script src="{}" data-endpoint="{}" defer></script>',
        static("js/readership.js"),
        reverse("readership:beacon"),
    )


@register.simple_tag(takes_context=True)
def came_from_field(context):
    """A hidden field with the path of the page of this site the visitor came to the form from
    (its Referer, same origin only, without query string), kept through a form shown again."""
    request = context.get("request")
    if request is None or not settings.READERSHIP_ENABLED:
        return ""
    if request.method == "POST":
        path = request.POST.get("came_from", "")
    else:
        referrer = urlsplit(request.headers.get("Referer", ""))
        path = referrer.path if referrer.netloc == request.get_host() else ""
    if not path.startswith("/") or path.startswith("//") or len(path) > 300:
        return ""
    return format_html('<input type="hidden" name="came_from" value="{}">', path)
