"""Languages (issue 12): a Wagtail locale for each language in SITE_LANGUAGES, and editors
allowed to translate pages.

English stays the default locale and every existing page stays English. Safe to run again;
locales of languages later removed from SITE_LANGUAGES are left alone (pages may use them).
Wagtail's "Editors" and "Moderators" groups get wagtail-localize's "submit translation"
permission (its "Translate" action on pages and snippets).
"""

from django.conf import settings
from django.db import migrations

TRANSLATOR_GROUPS = ("Editors", "Moderators")


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


def let_editors_translate(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name__in=TRANSLATOR_GROUPS):
            group.permissions.add(permission)


def stop_editors_translating(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=TRANSLATOR_GROUPS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0008_location_page_client_portal_carriers_list"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(let_editors_translate, stop_editors_translating),
    ]
