from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from practice import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("contact/", include("contact.urls")),
    path("search/", views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Uploaded images and their renditions, and nothing else: document files are served by
    # Wagtail's view above, which applies their collection's privacy. A larger deployment
    # serves images from the proxy or object storage and sets SERVE_MEDIA=False.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:original_images|images)/.*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
