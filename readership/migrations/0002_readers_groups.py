"""Editors, moderators and intake coordinators may read the readership report."""

from django.db import migrations

GROUPS = ("Editors", "Moderators", "Intake coordinators")


def give(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="readership", model="count")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_report", defaults={"name": "Can read the readership numbers"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_initial"),
        ("contact", "0002_intake_coordinators_group"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(give, migrations.RunPython.noop)]
