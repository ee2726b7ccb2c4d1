"""Who may read submissions and change the contact settings: superusers and members of the
"Intake coordinators" group.

Model permissions alone are not enough: an administrator could tick "view enquiry" or
"change contact settings" on the Editors group by mistake, and whoever changes the
recipients can route every future enquiry to themselves. These policies also require
membership of the intake group, so editors outside it are refused whatever their model
permissions (`contact.checks` warns about such grants).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.base import BasePermissionPolicy

from contact.models.submissions import INTAKE_GROUP_NAME, Submission


def is_intake_staff(user):
    """True for active superusers and active members of the intake group (cached per user object)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "contact_intake_staff", None)
    if cached is None:
        cached = user.groups.filter(name=INTAKE_GROUP_NAME).exists()
        user.contact_intake_staff = cached
    return cached


class IntakeStaffPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, granted only to intake staff (see the module)."""

    # Actions nobody may take, whatever their permissions.
    NEVER = set()

    def user_has_permission(self, user, action):
        if action in self.NEVER or not is_intake_staff(user):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.NEVER]
        if not actions:
            return get_user_model().objects.none()
        in_scope = Q(is_superuser=True) | Q(groups__name=INTAKE_GROUP_NAME)
        return super().users_with_any_permission(actions).filter(in_scope, is_active=True).distinct()


class SubmissionPermissionPolicy(IntakeStaffPermissionPolicy):
    # Submissions only come from the website; nobody adds or copies them in the admin.
    NEVER = {"add"}


class ExportLogPermissionPolicy(BasePermissionPolicy):
    """Whoever may view enquiries may read the export log; nobody adds, changes or deletes it."""

    def enquiry_policy(self):
        return SubmissionPermissionPolicy(Submission)

    def user_has_permission(self, user, action):
        return action == "view" and self.enquiry_policy().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return self.enquiry_policy().users_with_any_permission(["view"])
