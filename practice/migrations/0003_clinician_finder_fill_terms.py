"""Turn the clinicians' free-text languages ("English, Hindi") and specialties (one per line)
into the terms editors now choose from, and give existing approaches a slug.

Saved revisions hold the old text too; they are rewritten to the terms' ids, or editing the
page (which starts from its latest revision) and comparing revisions would fail on them.
"""

from django.db import migrations
from django.utils.text import slugify


def term(model, name):
    found = model.objects.filter(name__iexact=name).first()
    return found or model.objects.create(name=name, slug=slugify(name)[:80])


def split_languages(text):
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def split_specialties(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def fill_terms(apps, schema_editor):
    Approach = apps.get_model("practice", "Approach")
    Language = apps.get_model("practice", "Language")
    Specialty = apps.get_model("practice", "Specialty")
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for approach in Approach.objects.filter(slug=""):
        approach.slug = slugify(approach.name)[:80] or f"approach-{approach.pk}"
        approach.save(update_fields=["slug"])

    # Through the join tables: a ParentalManyToManyField's manager only writes on the page's save.
    language_links = ClinicianPage.languages.through.objects
    specialty_links = ClinicianPage.specialties.through.objects
    page_ids = []
    for page in ClinicianPage.objects.all():
        page_ids.append(str(page.pk))
        for language in {term(Language, name).pk for name in split_languages(page.languages_text)}:
            language_links.get_or_create(clinicianpage_id=page.pk, language_id=language)
        for specialty in {term(Specialty, name).pk for name in split_specialties(page.specialties_text)}:
            specialty_links.get_or_create(clinicianpage_id=page.pk, specialty_id=specialty)

    revisions = Revision.objects.filter(
        content_type__app_label="practice", content_type__model="clinicianpage", object_id__in=page_ids
    )
    for revision in revisions:
        content = revision.content
        if isinstance(content.get("languages"), str):
            content["languages"] = [term(Language, name).pk for name in split_languages(content["languages"])]
        if isinstance(content.get("specialties"), str):
            content["specialties"] = [
                term(Specialty, name).pk for name in split_specialties(content["specialties"])
            ]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("practice", "0002_clinician_finder_taxonomy")]

    operations = [migrations.RunPython(fill_terms, migrations.RunPython.noop)]
