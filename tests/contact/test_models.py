from datetime import timedelta

import pytest
from django.utils import timezone

from contact.models import ConsultationRequest, ContactMessage, Submission
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db


def test_each_kind_records_its_kind_and_is_found_through_the_base():
    message = ContactMessageFactory()
    request = ConsultationRequestFactory()
    assert Submission.objects.get(pk=message.pk).kind == Submission.Kind.CONTACT
    assert isinstance(Submission.objects.get(pk=request.pk).specific, ConsultationRequest)
    assert isinstance(Submission.objects.get(pk=message.pk).specific, ContactMessage)


def test_str_names_the_kind_and_number_but_never_the_person():
    request = ConsultationRequestFactory(preferred_name="Secret Name")
    assert str(request) == f"Consultation request #{request.pk}"
    assert "Secret" not in str(Submission.objects.get(pk=request.pk))


def test_awaiting_reply_counts_only_new_requests_older_than_the_promise():
    now = timezone.now()
    overdue = ConsultationRequestFactory(received_at=now - timedelta(hours=49))
    ConsultationRequestFactory(received_at=now - timedelta(hours=47))
    ConsultationRequestFactory(received_at=now - timedelta(hours=72), status=Submission.Status.CONTACTED)
    assert list(Submission.objects.awaiting_reply(48)) == [Submission.objects.get(pk=overdue.pk)]


def test_older_than_and_undelivered():
    now = timezone.now()
    old = ContactMessageFactory(received_at=now - timedelta(days=400))
    recent = ContactMessageFactory(notification_state=Submission.NotificationState.SENT)
    failed = ContactMessageFactory(notification_state=Submission.NotificationState.FAILED)
    assert set(Submission.objects.older_than(365).values_list("pk", flat=True)) == {old.pk}
    assert set(Submission.objects.undelivered().values_list("pk", flat=True)) == {old.pk, failed.pk}
    assert recent.pk not in Submission.objects.undelivered().values_list("pk", flat=True)


def test_inbox_listing_costs_the_same_queries_for_any_number_of_rows(django_assert_num_queries):
    for _ in range(5):
        ConsultationRequestFactory(service_title="Anxiety therapy")
        ContactMessageFactory()
    with django_assert_num_queries(1):
        rows = [(row.service_label, row.location_label) for row in Submission.objects.for_inbox()]
    assert ("Anxiety therapy", "New Jersey, in person at the office") in rows
    assert ("", "") in rows
