"""Site-level views: search, robots.txt, health check, and the error pages."""

import posixpath
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_static
from wagtail.models import Locale, Page

from siteplatform.apps import app_contributions
from siteplatform.signals import searched
from siteplatform.site_url import absolute_url
from siteplatform.structure import private_sections

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY_LENGTH = 200


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:SEARCH_MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        # Pages in the visitor's language and in English (which serves what is not translated yet).
        languages = {translation.get_language(), settings.LANGUAGE_CODE}
        locales = Locale.objects.filter(language_code__in=languages)
        public = Page.objects.live().exclude(private_sections())
        # Each result as its own page type (its address and label) without that type's own
        # columns and joins, which a result does not show: its summary is read on its own below.
        results = public.filter(locale__in=locales).specific(defer=True).search(query)
        paginator = Paginator(results, SEARCH_PAGE_SIZE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        page_obj.object_list = with_summaries(list(page_obj.object_list))
        if page_obj.number == 1:  # a search, not a visit to its next page
            searched.send_robust(sender=None, request=request, query=query, found=bool(paginator.count))
    return render(request, "practice/search.html", {"search_query": query, "page_obj": page_obj})


def with_summaries(pages):
    """`pages` (specific, their own columns deferred) with the column each names as its summary
    (`summary_field`, which the result's snippet shows) read: one narrow query per page type
    among them, where each would otherwise read its own on first use."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        field = getattr(model, "summary_field", None)
        if field not in {column.attname for column in model._meta.concrete_fields}:
            continue
        summaries = dict(
            model._base_manager.filter(pk__in=[page.pk for page in group]).values_list("pk", field)
        )
        for page in group:
            setattr(page, field, summaries.get(page.pk))
    return pages


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # Search results and the paths apps keep from robots (the contact form's thank-you page),
    # under every language's prefix too (/ko/search/).
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {prefix}/search/" for prefix in prefixes),
        *(
            f"Disallow: {prefix}{path}"
            for path in app_contributions("robots_disallowed_paths")
            for prefix in prefixes
        ),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """200 when the database answers a trivial query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def error_page(template_name, status):
    """A static error page (site frame and crisis notice) that needs no database or request.

    Django's own handlers are marked `requires_csrf_token`, which reads the request body again:
    for a body Django refused to parse (a non-UTF-8 form, say) that raised a second time inside
    the handler and left the visitor with the server's bare 500. These never touch the request.
    Their quick exit leaves for QUICK_EXIT_DEFAULT_URL: the practice's own choice is in the database.
    """
    context = {"quick_exit_url": settings.QUICK_EXIT_DEFAULT_URL}
    return HttpResponse(render_to_string(template_name, context), status=status)


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        return error_page("413.html", 413)
    return error_page("400.html", 400)


def server_error(request):
    return error_page("500.html", 500)


MEDIA_IMAGE_FOLDERS = frozenset({"original_images", "images"})


def media(request, path):
    """An uploaded image or rendition from MEDIA_ROOT, as it is now (read per request, not
    when the URLs were loaded).

    Only a path already in normal form inside an image folder is served: `serve` would
    normalise `images/../documents/…` (however it was encoded) into a document, skipping
    the collection privacy that /documents/<id>/<name> applies.
    """
    folder, _, rest = path.partition("/")
    parts = rest.split("/")
    if (
        folder not in MEDIA_IMAGE_FOLDERS
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") for part in parts)
        or posixpath.normpath(path) != path
    ):
        raise Http404
    return serve_static(request, path, document_root=settings.MEDIA_ROOT)
