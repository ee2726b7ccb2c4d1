"""Intake coordinators keep the hosts' hours and see the booked calls; nobody else is given them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Intake coordinators"
CODENAMES = [
    "view_consultationhost",
    "add_consultationhost",
    "change_consultationhost",
    "delete_consultationhost",
    "view_booking",
    "change_booking",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("booking")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="booking", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="booking", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("contact", "0002_intake_coordinators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
