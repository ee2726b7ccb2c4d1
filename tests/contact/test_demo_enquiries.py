"""The demo's made-up enquiries: after `make run` the intake coordinator's work queue, the
dashboard and the enquiry page have something to show (an overdue request on top, a Korean and a
Hindi enquiry), without a single email going out and without touching real enquiries."""

import pytest
from django.urls import reverse

from contact import demo
from contact.demo import SAMPLES
from contact.models import Submission
from tests.contact.factories import ContactMessageFactory
from tests.contact.test_work_queue import listed

pytestmark = pytest.mark.django_db


def test_the_sample_enquiries_fill_the_work_queue_oldest_waiting_first(client, site_tree, coordinator):
    demo.load(sample_enquiries=True)
    assert Submission.objects.count() == len(SAMPLES)
    client.force_login(coordinator)
    order, html = listed(client)
    first = Submission.objects.get(pk=order[0])
    assert first.status == Submission.Status.NEW
    assert first.received_at == Submission.objects.filter(status="new").order_by("received_at")[0].received_at
    assert {"ko", "hi", "en"} <= set(Submission.objects.values_list("language", flat=True))
    assert "Korean" in html and "Hindi" in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"#{first.pk}" in dashboard


def test_no_email_is_due_for_a_sample_and_loading_again_adds_none(site_tree):
    demo.load(sample_enquiries=True)
    assert demo.load(sample_enquiries=True) == ""
    assert Submission.objects.count() == len(SAMPLES)
    assert set(Submission.objects.values_list("notification_state", flat=True)) == {"sent"}
    assert set(Submission.objects.values_list("confirmation_state", flat=True)) == {""}


def test_samples_are_added_only_when_asked_and_never_beside_real_enquiries(site_tree):
    assert demo.load(sample_enquiries=False) == ""
    assert not Submission.objects.exists()
    real = ContactMessageFactory()
    demo.load(sample_enquiries=True)
    assert list(Submission.objects.values_list("pk", flat=True)) == [real.pk]
