"""Migration 0012 drops the service's own sliding-scale tick (issue 20: the service reads it from
its clinicians) without losing what an editor stated, and going back restores the ticks."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("practice", "0010_translation_review")]
AFTER = [("practice", "0012_service_sliding_scale_from_clinicians")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    """Every app back at its latest migration after the test, for the tests that run next."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def make_page(apps, model_name, number, **fields):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(app_label="practice", model=model_name.lower())
    return apps.get_model("practice", model_name).objects.create(
        path=f"{root.path}{9990 + number:04d}",
        depth=2,
        content_type=content_type,
        locale=Locale.objects.first(),
        **fields,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_a_tick_no_clinician_backs_is_kept_in_the_fee_note_and_going_back_ticks_from_clinicians():
    apps = migrate(BEFORE)
    service = {"summary": "S", "who_for": "<p>W</p>"}
    backed = make_page(
        apps, "ServicePage", 1, title="Backed", slug="backed", offers_sliding_scale=True, **service
    )
    unbacked = make_page(
        apps, "ServicePage", 2, title="Unbacked", slug="unbacked", offers_sliding_scale=True,
        fees_note="<p>$180.</p>", **service,
    )  # fmt: skip
    untouched = make_page(
        apps, "ServicePage", 3, title="Plain", slug="plain", fees_note="<p>$90.</p>", **service
    )
    clinician = make_page(
        apps, "ClinicianPage", 4, title="Grace Kim", slug="grace-kim", credentials="LPC",
        license_number="1", bio="<p>Hi</p>", offers_sliding_scale=True,
    )  # fmt: skip
    # The through table itself: a migration's models lack the cluster's deferred saving.
    through = apps.get_model("practice", "ClinicianPage").services.through
    through.objects.create(clinicianpage_id=clinician.pk, servicepage_id=backed.pk)
    # A clinician who offers a sliding scale and no service yet (her page is new).
    make_page(
        apps, "ClinicianPage", 5, title="New Person", slug="new-person", credentials="LPC",
        license_number="2", bio="<p>Hi</p>", offers_sliding_scale=True,
    )  # fmt: skip

    apps = migrate(AFTER)
    ServicePage = apps.get_model("practice", "ServicePage")
    assert ServicePage.objects.get(pk=unbacked.pk).fees_note == (
        "<p>$180.</p><p>A sliding scale is available for this service; ask us.</p>"
    )
    assert "sliding" not in ServicePage.objects.get(pk=backed.pk).fees_note
    assert ServicePage.objects.get(pk=untouched.pk).fees_note == "<p>$90.</p>"

    apps = migrate(BEFORE)
    ServicePage = apps.get_model("practice", "ServicePage")
    assert list(ServicePage.objects.filter(offers_sliding_scale=True).values_list("slug", flat=True)) == [
        "backed"
    ]
