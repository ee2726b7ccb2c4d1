"""Turn the clinicians' free-text languages ("English, Hindi") and specialties (one per line)
into the terms editors now choose from, and give existing approaches a slug."""

from django.db import migrations
from django.utils.text import slugify


def term(model, name):
    found = model.objects.filter(name__iexact=name).first()
    return found or model.objects.create(name=name, slug=slugify(name)[:80])


def fill_terms(apps, schema_editor):
    Approach = apps.get_model("practice", "Approach")
    Language = apps.get_model("practice", "Language")
    Specialty = apps.get_model("practice", "Specialty")
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    for approach in Approach.objects.filter(slug=""):
        approach.slug = slugify(approach.name)[:80] or f"approach-{approach.pk}"
        approach.save(update_fields=["slug"])
    for page in ClinicianPage.objects.all():
        languages = [item.strip() for item in page.languages_text.split(",") if item.strip()]
        specialties = [line.strip() for line in page.specialties_text.splitlines() if line.strip()]
        page.languages.add(*[term(Language, name) for name in languages])
        page.specialties.add(*[term(Specialty, name) for name in specialties])


class Migration(migrations.Migration):
    dependencies = [("practice", "0002_clinician_finder_taxonomy")]

    operations = [migrations.RunPython(fill_terms, migrations.RunPython.noop)]
