import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from contact.checks import check_contact_permissions
from contact.models import INTAKE_GROUP_NAME, ContactSettings, Submission, SubmissionExport, SubmissionView
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(db):
    return ConsultationRequestFactory(
        preferred_name="Inbox Person", email="inbox@example.com", service_title="Anxiety therapy"
    )


@pytest.fixture
def editor(django_user_model):
    """An editor who can use the admin, even with the model permissions ticked by mistake,
    but is not an intake coordinator."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
        Permission.objects.get(codename="change_submission"),
        Permission.objects.get(codename="delete_submission"),
    )
    user.groups.add(group)
    return user


def inbox_urls(pk):
    return [
        reverse("enquiries:index"),
        reverse("enquiries:index_results"),
        reverse("enquiries:index") + "?export=csv",
        reverse("enquiries:index") + "?export=xlsx",
        reverse("enquiries:inspect", args=[pk]),
        reverse("enquiries:edit", args=[pk]),
        reverse("enquiries:delete", args=[pk]),
        reverse("enquiries:history", args=[pk]),
    ]


def test_intake_coordinators_group_exists_with_view_permission():
    group = Group.objects.get(name=INTAKE_GROUP_NAME)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_submission", "change_submission"} <= codenames


def test_editor_outside_the_group_gets_403_everywhere(client, editor, enquiry):
    client.force_login(editor)
    for url in inbox_urls(enquiry.pk):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Inbox Person" not in response.content
    assert client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": "closed"}).status_code == 403
    assert Submission.objects.get(pk=enquiry.pk).status == Submission.Status.NEW
    assert not SubmissionView.objects.exists()


def test_menu_item_and_dashboard_panel_are_hidden_from_editors(client, editor, enquiry):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/enquiries/" not in html


def test_coordinator_sees_the_inbox_without_names(client, coordinator, enquiry):
    ContactMessageFactory()
    client.force_login(coordinator)
    response = client.get(reverse("enquiries:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"#{enquiry.pk}" in html and "Anxiety therapy" in html and "Consultation request" in html
    assert "Inbox Person" not in html
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/enquiries/" in home and "new enquir" in home


def test_filters_and_search(client, coordinator, enquiry):
    other = ContactMessageFactory(preferred_name="Someone Else")
    client.force_login(coordinator)
    index = reverse("enquiries:index")
    html = client.get(index, {"kind": "contact"}).content.decode()
    assert f"#{other.pk}" in html and f"#{enquiry.pk}<" not in html
    html = client.get(index, {"location": "nj_in_person"}).content.decode()
    assert f"#{enquiry.pk}" in html
    html = client.get(index, {"service": enquiry.service_id or ""}).content.decode()
    assert f"#{enquiry.pk}" in html
    html = client.get(index, {"notification_state": "failed"}).content.decode()
    assert f"#{enquiry.pk}<" not in html
    # Answers are ciphertext: the search finds an exact address or number, not a part of one.
    html = client.get(index, {"q": "Inbox@Example.com"}).content.decode()
    assert f"#{enquiry.pk}" in html and f"#{other.pk}<" not in html
    html = client.get(index, {"q": "inbox@example"}).content.decode()
    assert f"#{enquiry.pk}<" not in html


def test_inspect_shows_the_answers_and_records_each_view(client, coordinator, enquiry):
    client.force_login(coordinator)
    url = reverse("enquiries:inspect", args=[enquiry.pk])
    html = client.get(url).content.decode()
    assert "Inbox Person" in html and "inbox@example.com" in html and "Anxiety therapy" in html
    client.get(url)
    views = SubmissionView.objects.filter(submission=enquiry)
    assert views.count() == 2 and {v.username for v in views} == {"coordinator"}
    assert "coordinator" in client.get(url).content.decode()


def test_edit_changes_only_status_and_notes(client, coordinator, enquiry):
    client.force_login(coordinator)
    url = reverse("enquiries:edit", args=[enquiry.pk])
    form_html = client.get(url).content.decode()
    assert 'name="status"' in form_html and 'name="staff_notes"' in form_html
    assert 'name="preferred_name"' not in form_html
    response = client.post(
        url, {"status": "contacted", "staff_notes": "Left a voicemail.", "preferred_name": "Changed"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted" and enquiry.staff_notes == "Left a voicemail."
    assert enquiry.preferred_name == "Inbox Person"


def test_nobody_adds_submissions_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("enquiries:add")).status_code == 403


def test_coordinator_cannot_delete_but_a_superuser_can(client, coordinator, admin_user, enquiry):
    client.force_login(coordinator)
    assert client.get(reverse("enquiries:delete", args=[enquiry.pk])).status_code == 403
    client.force_login(admin_user)
    assert client.post(reverse("enquiries:delete", args=[enquiry.pk])).status_code == 302
    assert not Submission.objects.exists()


def test_csv_and_xlsx_exports(client, coordinator, enquiry):
    client.force_login(coordinator)
    csv = client.get(reverse("enquiries:index"), {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Preferred name" in text and "Inbox Person" in text and "Consultation request" in text
    xlsx = client.get(reverse("enquiries:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Inbox Person" in values and "Anxiety therapy" in values


def test_exports_say_which_language_the_visitor_wrote_in(client, coordinator, enquiry):
    enquiry.language = "ko"
    enquiry.save(update_fields=["language"])
    client.force_login(coordinator)
    text = export_text(client.get(reverse("enquiries:index"), {"export": "csv"}))
    header, row = text.splitlines()[:2]
    assert "Language" in header.split(",")
    assert "Korean" in row.split(",")


def export_text(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def export_sheet(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [
        [cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()
    ]


@pytest.fixture
def winter_enquiry(db):
    """Received at 12:38 UTC on a January day: 7:38 a.m. at the practice (EST)."""
    enquiry = ConsultationRequestFactory(
        received_at=datetime.datetime(2026, 1, 15, 12, 38, tzinfo=datetime.UTC)
    )
    SubmissionView.objects.create(
        submission=enquiry,
        username="earlier",
        viewed_at=datetime.datetime(2026, 7, 1, 16, 5, tzinfo=datetime.UTC),
    )
    return enquiry


def test_every_time_staff_see_is_the_practices_and_says_so(client, coordinator, winter_enquiry):
    client.force_login(coordinator)
    listing = client.get(reverse("enquiries:index")).content.decode()
    assert "Jan. 15, 2026, 7:38 a.m. EST" in listing
    page = client.get(reverse("enquiries:inspect", args=[winter_enquiry.pk])).content.decode()
    assert "Jan. 15, 2026, 7:38 a.m. EST" in page and "12:38" not in page
    assert "July 1, 2026, 12:05 p.m. EDT" in page  # the access log, in summer time
    text = export_text(client.get(reverse("enquiries:index"), {"export": "csv"}))
    assert "Received (New York time)" in text and "2026-01-15 07:38" in text and "12:38" not in text
    rows = export_sheet(client.get(reverse("enquiries:index"), {"export": "xlsx"}))
    assert "Received (New York time)" in rows[0]
    assert datetime.datetime(2026, 1, 15, 7, 38) in rows[1]


def test_the_reference_links_to_the_logged_page_not_the_edit_form(client, coordinator, enquiry):
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:index")).content.decode()
    assert f'href="{reverse("enquiries:inspect", args=[enquiry.pk])}"' in html
    assert f'href="{reverse("enquiries:edit", args=[enquiry.pk])}"' not in html


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("https://x","open me")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_export_neutralises_formulas(client, coordinator, value):
    ContactMessageFactory(preferred_name=value, message="m")
    client.force_login(coordinator)
    text = export_text(client.get(reverse("enquiries:index"), {"export": "csv"}))
    row = list(csv.reader(io.StringIO(text)))[1]
    assert "'" + value in row
    assert value not in row


def test_xlsx_export_survives_control_characters_already_stored(client, coordinator):
    ContactMessageFactory(preferred_name="A\x01B", message="line\x0bbreak")
    client.force_login(coordinator)
    response = client.get(reverse("enquiries:index"), {"export": "xlsx"})
    assert response.status_code == 200
    values = [value for row in export_sheet(response) for value in row]
    assert "AB" in values


def test_every_export_is_logged_and_shown_to_intake_staff(client, coordinator, editor, enquiry):
    ContactMessageFactory()
    client.force_login(coordinator)
    client.get(
        reverse("enquiries:index"), {"export": "csv", "kind": "consultation", "q": "inbox@example.com"}
    )
    client.get(reverse("enquiries:index"), {"export": "xlsx"})
    log = list(SubmissionExport.objects.order_by("pk"))
    assert [(entry.username, entry.format, entry.row_count) for entry in log] == [
        ("coordinator", "csv", 1),
        ("coordinator", "xlsx", 2),
    ]
    assert "Kind: Consultation request" in log[0].filters and "Search" in log[0].filters
    assert "inbox@example.com" not in log[0].filters  # what was searched for is personal: not kept
    page = client.get(reverse("enquiry_exports:index")).content.decode()
    assert "coordinator" in page and "Kind: Consultation request" in page and ("EST" in page or "EDT" in page)
    inspect = client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()
    assert reverse("enquiry_exports:index") in inspect
    assert reverse("enquiry_exports:index") in client.get(reverse("enquiries:index")).content.decode()
    # The log is append-only, even for a superuser.
    assert client.post(reverse("enquiry_exports:delete", args=[log[0].pk])).status_code == 403
    assert client.post(reverse("enquiry_exports:edit", args=[log[0].pk]), {}).status_code == 403
    assert SubmissionExport.objects.count() == 2
    client.force_login(editor)
    assert client.get(reverse("enquiry_exports:index")).status_code in (302, 403)


@pytest.fixture
def settings_editor(django_user_model):
    """An editor given "change contact settings" through a group other than intake."""
    user = django_user_model.objects.create_user("settings-editor", password="pw")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_contactsettings"),
    )
    user.groups.add(group)
    return user


def test_only_intake_staff_change_where_enquiries_are_sent(client, settings_editor, coordinator):
    url = reverse("wagtailsettings:edit", args=["contact", "contactsettings", ContactSettings.load().pk])
    client.force_login(settings_editor)
    assert client.get(url).status_code != 200
    client.post(url, {"notification_recipients": "me@evil.example", "retention_days": "365"})
    assert ContactSettings.load().notification_recipients == ""
    assert "contactsettings" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "notification_recipients": "intake@example.org",
            "retention_days": "365",
            "send_visitor_confirmation": "on",
            "visitor_sender_name": "WR Wellness",
            "visitor_subject": "Your message to us",
        },
    )
    assert response.status_code == 302
    assert ContactSettings.load().notification_recipients == "intake@example.org"


def test_site_history_shows_enquiry_edits_only_to_intake_staff(client, coordinator, editor, enquiry):
    client.force_login(coordinator)
    client.post(reverse("enquiries:edit", args=[enquiry.pk]), {"status": "contacted", "staff_notes": ""})
    history = reverse("wagtailadmin_reports:site_history")
    assert str(enquiry) in client.get(history).content.decode()
    client.force_login(editor)
    response = client.get(history)
    assert response.status_code == 200
    assert str(enquiry) not in response.content.decode()


def test_a_system_check_warns_about_contact_permissions_held_outside_the_intake_group(django_user_model):
    assert check_contact_permissions(None, databases=["default"]) == []
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="view_submission"))
    direct = django_user_model.objects.create_user("direct")
    direct.user_permissions.add(Permission.objects.get(codename="change_contactsettings"))
    warnings = check_contact_permissions(None, databases=["default"])
    assert [warning.id for warning in warnings] == ["contact.W001", "contact.W001"]
    assert "Editors" in warnings[0].msg and "direct" in warnings[1].msg
    assert check_contact_permissions(None, databases=None) == []  # needs the database: only with --database


# The list as the intake coordinator scans it: channel, how long ago, a status badge, overdue rows marked.


def test_the_list_shows_channel_age_and_a_status_badge(client, coordinator):
    from datetime import timedelta

    from django.utils import timezone

    three_days_ago = timezone.now() - timedelta(days=3, hours=1)
    ContactMessageFactory(received_at=three_days_ago, status=Submission.Status.CLOSED)
    ConsultationRequestFactory(received_at=timezone.now() - timedelta(minutes=5))
    client.force_login(coordinator)
    html = " ".join(client.get(reverse("enquiries:index")).content.decode().split())
    for heading in ("Kind", "Reply by", "Received", "Status"):
        assert f">{heading}<" in html or f"{heading} </" in html or f">{heading} " in html
    assert "Contact message" in html and "Consultation request" in html
    assert "Email" in html and "Phone call" in html
    assert "3 days" in html and "5 minutes" in html
    assert re.search(r'class="w-status[^"]*">\s*Closed', html)


def test_overdue_rows_are_marked_and_filterable(client, coordinator):
    from datetime import timedelta

    from django.utils import timezone

    from practice.models import PracticeSettings

    hours = PracticeSettings.load().response_time_hours
    late = ConsultationRequestFactory(received_at=timezone.now() - timedelta(hours=hours + 1))
    answered = ConsultationRequestFactory(
        received_at=timezone.now() - timedelta(hours=hours + 1), status=Submission.Status.CONTACTED
    )
    fresh = ConsultationRequestFactory()
    client.force_login(coordinator)
    html = client.get(reverse("enquiries:index")).content.decode()
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)
    marked = [row for row in rows if "enquiry-row--overdue" in row]
    assert len(marked) == 1 and re.search(rf"#{late.pk}\b", marked[0]) and "Overdue" in marked[0]

    filtered = client.get(reverse("enquiries:index"), {"overdue": "true"}).content.decode()
    assert re.search(rf"#{late.pk}\b", filtered)
    assert not re.search(rf"#({answered.pk}|{fresh.pk})\b", filtered)

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{reverse('enquiries:index')}?overdue=true" in home
    assert Submission.objects.overdue(hours).get().pk == late.pk


@pytest.mark.parametrize("url_name", ["enquiries:index", "wagtailadmin_home"])
def test_list_and_dashboard_queries_do_not_grow_with_enquiries(
    client, coordinator, django_assert_max_num_queries, url_name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    ConsultationRequestFactory.create_batch(5)
    ContactMessageFactory.create_batch(5)
    client.force_login(coordinator)
    client.get(reverse(url_name))  # warm caches (settings, content types)
    few = count_queries()
    ConsultationRequestFactory.create_batch(45)
    ContactMessageFactory.create_batch(45)
    assert count_queries() == few
    with django_assert_max_num_queries(40):
        client.get(reverse(url_name))
