"""The dashboard's chart of enquiries per week and the median time to a first reply, over the last
12 weeks: drawn on the server as SVG, with a table that states the same numbers."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from contact.stats import enquiry_weeks, format_duration, week_start
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_weeks():
    """This week: three enquiries answered after 2, 4 and 9 hours and one unanswered; the week
    before: one answered after 3 days; and one enquiry from half a year ago, outside the chart."""
    now = timezone.now()
    this_week = max(week_start(now), now - timedelta(minutes=30))
    for hours in (2, 4, 9):
        ConsultationRequestFactory(received_at=this_week, first_replied_at=this_week + timedelta(hours=hours))
    ContactMessageFactory(received_at=this_week)
    last_week = week_start(now) - timedelta(days=3)
    ContactMessageFactory(received_at=last_week, first_replied_at=last_week + timedelta(days=3))
    ContactMessageFactory(received_at=now - timedelta(days=180), first_replied_at=now - timedelta(days=179))


def test_weeks_count_enquiries_and_the_median_first_reply(known_weeks, django_assert_num_queries):
    with django_assert_num_queries(1):
        weeks = enquiry_weeks(weeks=12)
    assert len(weeks) == 12
    assert [week.count for week in weeks[-2:]] == [1, 4]
    assert weeks[-1].median == timedelta(hours=4) and weeks[-1].replied == 3
    assert weeks[-2].median == timedelta(days=3)
    assert all(week.count == 0 and week.median is None for week in weeks[:-2])
    assert weeks[-1].start == week_start(timezone.now())


def test_durations_read_naturally():
    assert format_duration(timedelta(minutes=40)) == "40 minutes"
    assert format_duration(timedelta(hours=4)) == "4 hours"
    assert format_duration(timedelta(hours=1)) == "1 hour"
    assert format_duration(timedelta(days=3)) == "3 days"
    assert format_duration(timedelta(hours=36)) == "1.5 days"
    assert format_duration(None) == "—"


def test_dashboard_draws_the_chart_with_a_table_of_its_numbers(client, coordinator, known_weeks):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    svg = re.search(r"<svg[^>]*enquiry-chart[^>]*>.*?</svg>", html, re.S)
    assert svg, "no chart"
    svg = svg.group(0)
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count("<rect") >= 2  # a bar for each week with enquiries
    assert "<script" not in svg and "style=" not in svg  # CSP: no inline styles or scripts

    table = re.search(r"<table[^>]*enquiry-chart-data.*?</table>", html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    assert len(rows) == 12
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rows[-1], re.S)
    ]
    assert cells[1:] == ["4", "3", "4 hours"]
    assert "3 days" in rows[-2]


def test_nothing_about_the_chart_for_editors(client, django_user_model, known_weeks):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editors, _ = Group.objects.get_or_create(name="Editors")
    from django.contrib.auth.models import Permission

    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "enquiry-chart" not in html
