"""A service's sliding scale is read from the clinicians who offer it (issue 20): the service's
own tick, which could say "Not offered" while one of its clinicians offered one, goes.

Data-safe both ways: a service ticked while none of its clinicians offers a sliding scale keeps
what its editor stated as a sentence in its fee note (nothing is lost unseen; an editor can then
tick the clinician who offers it); going back ticks each service one of whose clinicians offers one.
"""

import wagtail.fields
from django.db import migrations

KEPT_NOTE = "<p>A sliding scale is available for this service; ask us.</p>"


def keep_unbacked_ticks_in_the_fee_note(apps, schema_editor):
    ServicePage = apps.get_model("practice", "ServicePage")
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    # Not NULL: a clinician offering no service would make NOT IN match nothing.
    backed = ClinicianPage.objects.filter(offers_sliding_scale=True, services__isnull=False).values("services")
    for service in ServicePage.objects.filter(offers_sliding_scale=True).exclude(pk__in=backed):
        if "sliding" not in (service.fees_note or "").lower():
            service.fees_note = (service.fees_note or "") + KEPT_NOTE
            service.save(update_fields=["fees_note"])


def tick_services_from_their_clinicians(apps, schema_editor):
    ServicePage = apps.get_model("practice", "ServicePage")
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    backed = ClinicianPage.objects.filter(offers_sliding_scale=True).values("services")
    ServicePage.objects.filter(pk__in=backed).update(offers_sliding_scale=True)


class Migration(migrations.Migration):

    dependencies = [
        ("practice", "0011_practice_wording"),
    ]

    operations = [
        migrations.RunPython(keep_unbacked_ticks_in_the_fee_note, tick_services_from_their_clinicians),
        migrations.RemoveField(
            model_name="servicepage",
            name="offers_sliding_scale",
        ),
        migrations.AlterField(
            model_name="servicepage",
            name="fees_note",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text=(
                    "Session fee notes for this service. The sliding scale and insurance are stated "
                    "from the clinicians who offer the service (their own Payment settings)."
                ),
            ),
        ),
    ]
