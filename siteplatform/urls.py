from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import front_end_login
from siteplatform import views
from siteplatform.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An index of sections of at most 1,000 addresses (siteplatform/sitemaps.py: SECTION_SIZE).
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<int:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("readership/", include("readership.urls")),
    path("calendar/", include("booking.feed_urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images and their renditions only. Documents are served by Wagtail's view at
    # /documents/<id>/<name>, which applies collection privacy. A larger deployment serves
    # images from the proxy or object storage and sets SERVE_MEDIA=False.
    urlpatterns.append(re_path(r"^media/(?P<path>(?:original_images|images)/.*)$", views.media))

# Wagtail's front-end URLs as shipped (its page view and password form for restricted pages), less
# its sign-in form, which is not throttled: front_end_login below answers at its address instead.
wagtail_front_end = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtailcore_login"]

# What a visitor reads or fills in, in each language: English at /contact/, /search/ and /,
# the other languages of SITE_LANGUAGES under /ko/contact/, /ko/search/, /ko/ and so on.
# Pages are Wagtail's own URLs and view; Wagtail builds page addresses by reversing
# "wagtail_serve" in the page's language. A page not yet translated is found by the home page's
# route (siteplatform.i18n.route_with_fallback), not here.
urlpatterns += i18n_patterns(
    path("contact/call/", include("booking.urls")),
    path("contact/", include("contact.urls")),
    path("search/", views.search, name="search"),
    # Pages restricted to signed-in users send visitors here; it forwards them to the admin's
    # sign-in, the one throttled door (accounts/), under every prefix.
    path("_util/login/", front_end_login, name="wagtailcore_login"),
    path("", include(wagtail_front_end)),
    prefix_default_language=False,
)

handler400 = views.bad_request
handler500 = views.server_error
