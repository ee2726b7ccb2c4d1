"""The staff report: views per week, top pages with what led to requests, sources and searches,
per language, for editors and intake coordinators; a few queries whatever the data; retention."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from readership.models import Count
from readership.report import report
from readership.services import counts_tidy, today

pytestmark = pytest.mark.django_db


def add(day, metric, count, *, page=None, language="en", source="", period="day"):
    Count.objects.create(
        period=period,
        day=day,
        language=language,
        metric=metric,
        page_id=page.pk if page else 0,
        source=source,
        count=count,
    )


@pytest.fixture
def counts(site_tree):
    now = today()
    add(now, "view", 40, page=site_tree.services)
    add(now, "request", 3, page=site_tree.services)
    add(now, "view", 7, page=site_tree.team, language="ko")
    add(now, "source", 12, page=site_tree.services, source="psychologytoday.com")
    add(now, "source", 20, page=site_tree.services, source="search engine")
    add(now, "search", 9)
    add(now, "search_empty", 4)
    add(now, "empty_words", 5, source="sliding scale fees")
    add(now - timedelta(weeks=3), "view", 25, page=site_tree.services)
    return site_tree


def user_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.split()[0].lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize("group_name", ["Editors", "Intake coordinators"])
def test_editors_and_intake_coordinators_read_the_report(client, counts, django_user_model, group_name):
    client.force_login(user_in(django_user_model, group_name))
    html = client.get(reverse("readership_report")).content.decode()
    assert "<h1" in html and "Readership" in html
    row = html[html.index("Most read since") :]
    assert "Services" in row
    services_row = row[row.index("Services") : row.index("</tr>", row.index("Services"))]
    assert "<td>40</td><td>3</td>" in services_row  # views, and requests it led to
    assert "psychologytoday.com" in html and "Search engine" in html
    assert "sliding scale fees" in html and "9 searches, 4 with no results" in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("readership_report") in menu and "Readership, last 12 weeks" in menu


def test_the_report_in_one_language_counts_that_language_only(client, counts, admin_user):
    client.force_login(admin_user)
    korean = client.get(reverse("readership_report"), {"language": "ko"}).content.decode()
    assert "7 page views in the last 12 weeks in Korean" in korean
    assert "<td>40</td>" not in korean
    everything = client.get(reverse("readership_report")).content.decode()
    assert "72 page views in the last 12 weeks." in everything


def test_staff_without_the_permission_are_refused(client, counts, django_user_model):
    user = django_user_model.objects.create_user("someone", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    user.groups.get(name="Moderators").permissions.remove(
        *Group.objects.get(name="Moderators").permissions.filter(codename="view_report")
    )
    client.force_login(user)
    assert client.get(reverse("readership_report")).status_code == 403
    assert reverse("readership_report") not in client.get(reverse("wagtailadmin_home")).content.decode()


def months_of_counts(site_tree, days):
    pages = [site_tree.home, site_tree.services, site_tree.team]
    rows = []
    rng = random.Random(23)
    for offset in range(days):
        day = today() - timedelta(days=offset)
        for page in pages:
            for language in ("en", "ko", "hi"):
                rows.append(
                    Count(
                        day=day, language=language, metric="view", page_id=page.pk, count=rng.randint(1, 50)
                    )
                )
                rows.append(Count(day=day, language=language, metric="request", page_id=page.pk, count=1))
        rows.append(
            Count(day=day, language="en", metric="source", source=f"site{offset % 9}.example", count=2)
        )
    Count.objects.bulk_create(rows)


def test_the_report_reads_25_months_in_at_most_10_queries(
    client, site_tree, admin_user, django_assert_max_num_queries
):
    months_of_counts(site_tree, 25 * 31)
    with django_assert_max_num_queries(10):
        data = report("")
    assert len(data["weeks"]) == 12 and data["top_pages"][0]["views"] > 0
    client.force_login(admin_user)
    client.get(reverse("readership_report"))  # warm Wagtail's own caches

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("readership_report")).status_code == 200
        return len(captured)

    with_25_months = page_queries()
    Count.objects.filter(day__lt=today() - timedelta(days=31)).delete()
    assert page_queries() == with_25_months


def test_daily_counts_older_than_25_months_roll_up_by_month_and_old_words_go(site_tree):
    now = today()
    old = (now.replace(day=1) - timedelta(days=26 * 31)).replace(day=3)
    add(old, "view", 5, page=site_tree.services)
    add(old + timedelta(days=2), "view", 6, page=site_tree.services)
    add(now, "view", 1, page=site_tree.services)
    add(now - timedelta(days=91), "empty_words", 5, source="old words")
    add(now - timedelta(days=10), "empty_words", 5, source="recent words")
    call_command("readership_tidy")
    monthly = Count.objects.get(period="month")
    assert (monthly.day, monthly.count, monthly.metric) == (old.replace(day=1), 11, "view")
    assert not Count.objects.filter(period="day", day__lt=now - timedelta(days=100)).exists()
    assert Count.objects.filter(period="day", metric="view").get().count == 1
    assert list(Count.objects.filter(metric="empty_words").values_list("source", flat=True)) == [
        "recent words"
    ]
    assert counts_tidy() == (0, 0)  # again: nothing more to do


def test_the_demo_adds_weeks_of_made_up_counts_only_to_a_site_without_any(site_tree):
    from readership import demo

    assert "counts" in demo.load()
    first = Count.objects.count()
    assert first > 0 and Count.objects.filter(metric="request").exists()
    assert demo.load() == "" and Count.objects.count() == first
    assert report("")["total_views"] > 0
