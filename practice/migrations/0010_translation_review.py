"""Translation reviews (issue 12): who translated a page and which clinician who speaks the
language reviewed it. Wagtail's "Editors" and "Moderators" groups may keep these records
(Moderators may also delete one); nobody else but superusers sees them.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


GROUP_PERMISSIONS = {
    "Editors": ("add", "change", "view"),
    "Moderators": ("add", "change", "delete", "view"),
}


def let_editors_keep_reviews(apps, schema_editor):
    # Model permissions are normally made after all migrations; make them now to grant them.
    app_config = apps.get_app_config("practice")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        codenames = [f"{action}_translationreview" for action in GROUP_PERMISSIONS[group.name]]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="practice", codename__in=codenames)
        )


def stop_editors_keeping_reviews(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="practice", codename__endswith="_translationreview"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0009_site_language_locales_and_translators"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "translated_by",
                    models.CharField(
                        help_text="Who translated it, e.g. a translator's name or “Demo translation”.",
                        max_length=200,
                    ),
                ),
                (
                    "reviewed_by",
                    models.CharField(
                        blank=True,
                        help_text="The clinician who speaks the language and checked the translation. Empty until reviewed.",
                        max_length=200,
                    ),
                ),
                ("reviewed_at", models.DateField(blank=True, null=True, verbose_name="Reviewed on")),
                ("notes", models.TextField(blank=True, help_text="For staff only; never shown on the site.")),
                (
                    "page",
                    models.OneToOneField(
                        help_text="The translated page (in Korean, Hindi or another language of the site).",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translation_review",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "translation review",
                "ordering": [models.F("reviewed_at").desc(nulls_first=True), "page__title"],
            },
        ),
        migrations.RunPython(let_editors_keep_reviews, stop_editors_keeping_reviews),
    ]
