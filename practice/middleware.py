"""Security headers Django does not set itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere and relaxes CSP and framing for the admin only.

    Listed after the CSP and clickjacking middleware so its response hook runs first:
    both leave alone the headers and CSP configuration it has already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            response._csp_config = settings.ADMIN_CSP
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
