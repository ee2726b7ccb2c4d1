"""Upgrading a site with enquiries already stored: the migration encrypts them in place (with the
blind indexes the inbox's search needs), and going back decrypts them again."""

import pytest

from contact.models import Submission
from tests.contact.test_encryption import raw_rows
from tests.practice.migrations import latest_schema_after, migrate  # noqa: F401 - a fixture

BEFORE = [("contact", "0009_us_english_admin_labels")]
AFTER = [("contact", "0010_encrypt_enquiries")]
TABLES = ("contact_submission", "contact_consultationrequest", "contact_submissionnote")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_stored_enquiries_are_encrypted_in_place_and_decrypted_on_reverse():
    apps = migrate(BEFORE)
    request = apps.get_model("contact", "ConsultationRequest").objects.create(
        kind="consultation",
        preferred_name="Premigration Person",
        email="pre.migration@example.com",
        phone="201-555-0111",
        preferred_channel="phone",
        client_type="self",
        location="nj_in_person",
        session_format="either",
        payment="unsure",
        note="Premigration note",
    )
    apps.get_model("contact", "SubmissionNote").objects.create(
        submission_id=request.pk, author_name="staff", text="Premigration trail"
    )

    apps = migrate(AFTER)
    assert "Premigration" not in raw_rows(*TABLES)
    stored = apps.get_model("contact", "ConsultationRequest").objects.get()
    assert (stored.preferred_name, stored.note) == ("Premigration Person", "Premigration note")
    assert apps.get_model("contact", "SubmissionNote").objects.get().text == "Premigration trail"
    assert list(Submission.objects.matching("201 555 0111").values_list("pk", flat=True)) == [request.pk]

    migrate(BEFORE)
    plain = raw_rows(*TABLES)
    assert "Premigration Person" in plain and "Premigration note" in plain and "Premigration trail" in plain
