"""Enquiries encrypted at rest (issue 21): every personal field becomes an encrypted one (its
column text), then its stored values are encrypted under the newest data key (and decrypted
again on reverse, before the columns narrow); email and phone get their blind indexes for the
inbox's search."""

import contact.validators
import siteplatform.encrypted
from django.db import migrations, models
from django.db.models.functions import Cast

from siteplatform.encrypted import Ciphertext

ENCRYPTED = {
    "submission": [
        "preferred_name",
        "email",
        "phone",
        "staff_notes",
        "notification_last_error",
        "confirmation_last_error",
    ],
    "contactmessage": ["message"],
    "consultationrequest": ["pronouns", "guardian_name", "insurance_carrier", "note"],
    "submissionnote": ["text"],
}
INDEXES = {"email_index": "email", "phone_index": "phone"}


def encrypt(apps, schema_editor):
    """Reads each value as the column holds it (plain text, through a cast) and writes it back
    through the encrypted field, which encrypts it; the blind indexes are computed on the way."""
    for model_name, fields in ENCRYPTED.items():
        model = apps.get_model("contact", model_name)
        raw = {f"raw_{field}": Cast(field, models.TextField()) for field in fields}
        for row in model._base_manager.annotate(**raw).values("pk", *raw).iterator():
            updates = {field: row[f"raw_{field}"] for field in fields}
            if model_name == "submission":
                for index, source in INDEXES.items():
                    digests = model._meta.get_field(index).digests(updates[source])
                    updates[index] = digests[0] if digests else ""
            model._base_manager.filter(pk=row["pk"]).update(**updates)


def decrypt(apps, schema_editor):
    """Reads each value through the encrypted field (decrypted) and stores the text as it is."""
    for model_name, fields in ENCRYPTED.items():
        model = apps.get_model("contact", model_name)
        for row in model._base_manager.values("pk", *fields).iterator():
            model._base_manager.filter(pk=row["pk"]).update(
                **{field: Ciphertext(row[field]) for field in fields}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0009_us_english_admin_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="email_index",
            field=siteplatform.encrypted.BlindIndexField(
                normalize=contact.validators.normalized_email, source="email"
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="phone_index",
            field=siteplatform.encrypted.BlindIndexField(
                normalize=contact.validators.normalized_phone, source="phone"
            ),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="guardian_name",
            field=siteplatform.encrypted.EncryptedCharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="insurance_carrier",
            field=siteplatform.encrypted.EncryptedCharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="note",
            field=siteplatform.encrypted.EncryptedTextField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="pronouns",
            field=siteplatform.encrypted.EncryptedCharField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name="contactmessage",
            name="message",
            field=siteplatform.encrypted.EncryptedTextField(max_length=1000),
        ),
        migrations.AlterField(
            model_name="submission",
            name="confirmation_last_error",
            field=siteplatform.encrypted.EncryptedCharField(
                blank=True, max_length=300, verbose_name="visitor confirmation error"
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="email",
            field=siteplatform.encrypted.EncryptedEmailField(blank=True, max_length=254),
        ),
        migrations.AlterField(
            model_name="submission",
            name="notification_last_error",
            field=siteplatform.encrypted.EncryptedCharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="submission",
            name="phone",
            field=siteplatform.encrypted.EncryptedCharField(blank=True, max_length=30),
        ),
        migrations.AlterField(
            model_name="submission",
            name="preferred_name",
            field=siteplatform.encrypted.EncryptedCharField(max_length=100),
        ),
        migrations.AlterField(
            model_name="submission",
            name="staff_notes",
            field=siteplatform.encrypted.EncryptedTextField(
                blank=True, help_text="For staff only. Keep clinical details in the records system, not here."
            ),
        ),
        migrations.AlterField(
            model_name="submissionnote",
            name="text",
            field=siteplatform.encrypted.EncryptedTextField(max_length=2000),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
