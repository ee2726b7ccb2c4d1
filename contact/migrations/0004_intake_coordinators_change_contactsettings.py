"""Intake coordinators may change the contact settings (recipients, details in emails): the
settings' permission policy refuses everyone else, whatever their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Intake coordinators"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contact")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="contact", codename="change_contactsettings").first()
    group = Group.objects.filter(name=GROUP_NAME).first()
    if permission is not None and group is not None:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*group.permissions.filter(codename="change_contactsettings"))


class Migration(migrations.Migration):
    dependencies = [("contact", "0003_submissionexport")]

    operations = [migrations.RunPython(grant, revoke)]
