"""Who may read submissions: superusers and members of the "Intake coordinators" group.

Model permissions alone are not enough: an administrator could tick "view enquiry" on the
Editors group by mistake. This policy also requires membership of the intake group, so
editors outside it get 403 everywhere in the inbox, whatever their model permissions.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from contact.models import INTAKE_GROUP_NAME


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    # Submissions only come from the website; nobody adds or copies them in the admin.
    NEVER = {"add"}

    def _is_intake_staff(self, user):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        cached = getattr(user, "_intake_staff", None)
        if cached is None:
            cached = user.groups.filter(name=INTAKE_GROUP_NAME).exists()
            user._intake_staff = cached
        return cached

    def user_has_permission(self, user, action):
        if action in self.NEVER or not self._is_intake_staff(user):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.NEVER]
        if not actions:
            return get_user_model().objects.none()
        in_scope = Q(is_superuser=True) | Q(groups__name=INTAKE_GROUP_NAME)
        return super().users_with_any_permission(actions).filter(in_scope, is_active=True).distinct()
