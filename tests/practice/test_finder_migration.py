"""Migrating a site whose clinicians had free-text languages and specialties keeps them, as terms."""

import pytest
from django.utils import timezone

from tests.practice.migrations import latest_schema_after, migrate, tree_root  # noqa: F401 - a fixture

BEFORE = [("practice", "0001_initial")]
AFTER = [("practice", "0004_clinician_finder_drop_free_text")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_free_text_becomes_terms_on_the_page_and_its_revisions():
    apps = migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    root, locale = tree_root(apps)
    content_type, _ = ContentType.objects.get_or_create(app_label="practice", model="clinicianpage")
    page = ClinicianPage.objects.create(
        title="Grace Kim",
        slug="grace-kim",
        path=root.path + "9999",
        depth=2,
        content_type=content_type,
        locale=locale,
        credentials="LPC",
        license_number="1",
        bio="<p>Hi</p>",
        languages="English, Korean ,",
        specialties="Anxiety\n\n Burnout \n",
    )
    Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(page.pk),
        created_at=timezone.now(),
        content={
            "pk": page.pk,
            "title": "Grace Kim",
            "languages": "English, Korean",
            "specialties": "Anxiety",
        },
    )

    apps = migrate(AFTER)
    ClinicianPage = apps.get_model("practice", "ClinicianPage")
    Language = apps.get_model("practice", "Language")
    page = ClinicianPage.objects.get(slug="grace-kim")
    assert sorted(page.languages.values_list("name", flat=True)) == ["English", "Korean"]
    assert sorted(page.specialties.values_list("name", flat=True)) == ["Anxiety", "Burnout"]
    assert Language.objects.get(name="Korean").slug == "korean"
    revision = apps.get_model("wagtailcore", "Revision").objects.get(object_id=str(page.pk))
    assert sorted(revision.content["languages"]) == sorted(Language.objects.values_list("pk", flat=True))
