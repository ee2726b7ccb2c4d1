"""Security headers Django does not set itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere and relaxes CSP and framing for the admin (and its previews) only.

    Listed after the CSP and clickjacking middleware so its response hook runs first:
    both leave alone the headers and CSP configuration it has already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Previews are rendered through the page's own URL inside the admin's frame
        # (Wagtail marks that request `is_preview`), so they need the admin's framing rules.
        if request.path.startswith(self.admin_prefix) or getattr(request, "is_preview", False):
            response._csp_config = settings.ADMIN_CSP
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
