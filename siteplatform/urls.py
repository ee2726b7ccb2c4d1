from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from accounts.views import front_end_login
from siteplatform import i18n, views
from siteplatform.sitemaps import LocalizedSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": LocalizedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    # Wagtail's own front-end helpers (wagtail.urls, less its page view, which is below).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Pages restricted to signed-in users send visitors here; it forwards them to the admin's
    # sign-in, the one throttled door (accounts/), rather than offering a second password form.
    path("_util/login/", front_end_login, name="wagtailcore_login"),
]

if settings.SERVE_MEDIA:
    # Uploaded images and their renditions only. Documents are served by Wagtail's view at
    # /documents/<id>/<name>, which applies collection privacy. A larger deployment serves
    # images from the proxy or object storage and sets SERVE_MEDIA=False.
    urlpatterns.append(re_path(r"^media/(?P<path>(?:original_images|images)/.*)$", views.media))

# What a visitor reads or fills in, in each language: English at /contact/, /search/ and /,
# the other languages of SITE_LANGUAGES under /ko/contact/, /ko/search/, /ko/ and so on.
# Wagtail builds page addresses by reversing "wagtail_serve" in the page's language.
urlpatterns += i18n_patterns(
    path("contact/", include("contact.urls")),
    path("search/", views.search, name="search"),
    re_path(serve_pattern, i18n.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler400 = views.bad_request
handler500 = views.server_error
