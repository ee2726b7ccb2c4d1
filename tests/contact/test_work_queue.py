"""The enquiry list as the intake coordinator's work queue: what needs a reply first, the longest
waiting on top; one "Received" column that says how long ago; the visitor's language as a column
and a filter; the notification column only while a message failed; and on the dashboard, the five
enquiries that have waited longest."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.models import Submission
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def listed(client, **params):
    """The enquiry numbers in the order the list shows them."""
    html = client.get(reverse("enquiries:index"), params).content.decode().replace("\xa0", " ")
    return [int(number) for number in re.findall(r"#(\d+)\s*</a>", html)], html


def column_headings(html):
    table = html[html.index('<table class="listing">') :]
    head = table[: table.index("</thead>")]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    ]


def test_what_needs_a_reply_comes_first_the_longest_waiting_on_top(client, coordinator):
    closed = ContactMessageFactory(received_at=ago(days=10), status=Submission.Status.CLOSED)
    waiting_long = ConsultationRequestFactory(received_at=ago(days=3))
    contacted = ConsultationRequestFactory(received_at=ago(hours=2), status=Submission.Status.CONTACTED)
    waiting_short = ContactMessageFactory(received_at=ago(hours=1))
    client.force_login(coordinator)
    order, _html = listed(client)
    assert order == [waiting_long.pk, waiting_short.pk, contacted.pk, closed.pk]


def test_one_received_column_says_how_long_ago_with_the_time_on_hover(client, coordinator):
    ConsultationRequestFactory(received_at=ago(days=3, hours=1))
    client.force_login(coordinator)
    _order, html = listed(client)
    headings = column_headings(html)
    assert "Received" in headings and "Age" not in headings
    cell = re.search(r'<time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', html)
    assert cell, "the age is a <time> with the full time on hover"
    assert cell.group(3).strip() == "3 days ago"
    assert cell.group(2).endswith("(New York time)")


def test_the_visitors_language_is_a_column_and_a_filter(client, coordinator):
    korean = ConsultationRequestFactory(language="ko")
    english = ConsultationRequestFactory(language="en")
    client.force_login(coordinator)
    _order, html = listed(client)
    assert re.search(r"<td[^>]*>\s*Korean\s*</td>", html)
    order, _html = listed(client, language="ko")
    assert order == [korean.pk]
    assert english.pk not in order


def test_the_notification_column_shows_only_while_a_message_failed(client, coordinator):
    ConsultationRequestFactory(notification_state=Submission.NotificationState.SENT)
    client.force_login(coordinator)
    _order, html = listed(client)
    assert "Notification" not in column_headings(html)
    ConsultationRequestFactory(notification_state=Submission.NotificationState.FAILED)
    _order, html = listed(client)
    assert "Notification" in column_headings(html)


def test_contacted_and_closed_look_different(client, coordinator):
    ConsultationRequestFactory(status=Submission.Status.CONTACTED)
    ConsultationRequestFactory(status=Submission.Status.CLOSED)
    client.force_login(coordinator)
    _order, html = listed(client)
    contacted = re.search(r'class="([^"]*w-status[^"]*)"[^>]*>\s*Contacted', html).group(1)
    closed = re.search(r'class="([^"]*w-status[^"]*)"[^>]*>\s*Closed', html).group(1)
    assert contacted != closed


def test_the_dashboard_lists_the_five_enquiries_waiting_longest(client, coordinator):
    waiting = [ConsultationRequestFactory(received_at=ago(days=days)) for days in range(7, 0, -1)]
    ContactMessageFactory(received_at=ago(days=30), status=Submission.Status.CLOSED)
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'id="enquiries.*?</section>', html, re.S).group(0).replace("\xa0", " ")
    shown = [int(number) for number in re.findall(r"#(\d+)", panel)]
    assert shown == [submission.pk for submission in waiting[:5]]
    assert "1 week" in panel and "Consultation request" in panel
    assert reverse("enquiries:inspect", args=[waiting[0].pk]) in panel
