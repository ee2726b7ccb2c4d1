from django.conf import settings
from django.urls import include, path, re_path
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
    # Uploaded images and their renditions only. Documents are served by Wagtail's view at
    # /documents/<id>/<name>, which applies collection privacy. A larger deployment serves
    # images from the proxy or object storage and sets SERVE_MEDIA=False.
    urlpatterns.append(re_path(r"^media/(?P<path>(?:original_images|images)/.*)$", views.media))

urlpatterns.append(path("", include(wagtail_urls)))

handler400 = views.bad_request
handler500 = views.server_error
