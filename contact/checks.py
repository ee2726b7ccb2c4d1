"""System check: contact permissions belong to the intake group only.

The permission policies (contact.models.permissions) already refuse anyone outside the group, so a
stray grant does no harm by itself; it is still a sign that someone meant to give access to
enquiries or their recipients, which the practice should know about. The check reads the
database, so it runs with `manage.py check --database default` and on `migrate`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.db import DatabaseError

from contact.models import INTAKE_GROUP_NAME


@checks.register(checks.Tags.database)
def check_contact_permissions(app_configs, databases=None, **kwargs):
    """A Warning for each group other than the intake group, and each user, holding a
    contact permission directly."""
    if not databases:
        return []
    try:
        contact_permissions = Permission.objects.filter(content_type__app_label="contact")
        groups = (
            Group.objects.filter(permissions__in=contact_permissions)
            .exclude(name=INTAKE_GROUP_NAME)
            .distinct()
        )
        holders = [(f"The group “{group.name}”", group) for group in groups.order_by("name")]
        users = get_user_model().objects.filter(user_permissions__in=contact_permissions).distinct()
        holders += [(f"The user “{user.get_username()}”", user) for user in users.order_by("pk")]
    except DatabaseError:  # tables not migrated yet
        return []
    return [
        checks.Warning(
            f"{holder} holds contact permissions outside the “{INTAKE_GROUP_NAME}” group.",
            hint=f"Remove them, and add whoever should read enquiries to “{INTAKE_GROUP_NAME}”.",
            obj=obj,
            id="contact.W001",
        )
        for holder, obj in holders
    ]
