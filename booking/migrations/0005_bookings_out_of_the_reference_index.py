"""Bookings are no longer kept in Wagtail's reference index (BookingViewSet): the rows a booking
left there would name it as a "usage" of its host for ever, so they go."""

from django.db import migrations


def forget_bookings(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    booking = ContentType.objects.filter(app_label="booking", model="booking").first()
    if booking is not None:
        ReferenceIndex.objects.filter(base_content_type=booking).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0004_no_answer_and_calendar_feed"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget_bookings, migrations.RunPython.noop)]
