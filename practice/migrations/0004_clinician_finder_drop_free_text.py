from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("practice", "0003_clinician_finder_fill_terms")]

    operations = [
        migrations.RemoveField(model_name="clinicianpage", name="languages_text"),
        migrations.RemoveField(model_name="clinicianpage", name="specialties_text"),
        migrations.AlterField(
            model_name="approach",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Used in the finder's address. Leave empty to make it from the name; avoid changing it later.",
                max_length=80,
                unique=True,
            ),
        ),
    ]
