"""The "Readership" report in the admin: for anyone with `readership.view_report` (editors and
intake coordinators are given it; readership/migrations)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from readership.report import report
from siteplatform.admin_views import forbidden_as_403

PERMISSION = "readership.view_report"


def can_read(user):
    return user.has_perm(PERMISSION)


@forbidden_as_403
def readership_report(request):
    if not can_read(request.user):
        raise PermissionDenied
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language", "")
    if language not in languages:
        language = ""
    context = {
        **report(language),
        "language": language,
        "languages": list(languages.items()),
        "language_name": languages.get(language, ""),
        "enabled": settings.READERSHIP_ENABLED,
    }
    return TemplateResponse(request, "readership/report.html", context)
