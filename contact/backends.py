"""Django's model permissions, with the contact app's held by intake staff alone.

The contact policies (contact.models.permissions) already refuse enquiries to anyone outside the
intake group, whatever their model permissions. Wagtail also asks `user.has_perm()` directly,
for example when Reports → Site history decides whose edits to list, so this backend makes
that answer agree: a `contact.*` permission ticked on another group, or on a user, counts for
nothing (and `contact.W001` warns about it).
"""

from django.contrib.auth.backends import ModelBackend

from contact.models.permissions import is_intake_staff

CONTACT_PREFIX = "contact."


class IntakeScopedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        permissions = super().get_all_permissions(user_obj, obj)
        if user_obj.is_superuser or is_intake_staff(user_obj):
            return permissions
        return {permission for permission in permissions if not permission.startswith(CONTACT_PREFIX)}
