"""What the practice's own admin views share."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied


def forbidden_as_403(view):
    """Wagtail turns a permission failure into a redirect to the dashboard; these views answer
    403 outright, so none of their URLs looks reachable to someone without the permission."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return permission_denied(request, error)

    return wrapped
