"""Creates the "Intake coordinators" group: the staff who may read and update enquiries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Intake coordinators"


def create_group(apps, schema_editor):
    # Model permissions are normally made after all migrations; make them now to attach them.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted = [
        ("wagtailadmin", "access_admin"),
        ("contact", "view_submission"),
        ("contact", "change_submission"),
    ]
    for app_label, codename in wanted:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
