"""An enquiry's own page in the admin, as the intake coordinator works with it: how to reach the
person safely, what they ask for, and the status and notes changed inline."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.models import Submission, SubmissionNote, SubmissionView
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory

pytestmark = pytest.mark.django_db

CONSENT_TIME = datetime.datetime(2026, 1, 15, 12, 38, tzinfo=datetime.UTC)


@pytest.fixture
def enquiry(db):
    return ConsultationRequestFactory(
        preferred_name="Inbox Person",
        email="inbox@example.com",
        phone="(201) 555-0188",
        voicemail_consent_at=CONSENT_TIME,
        best_time_mornings=True,
        best_time_evenings=True,
        note="PRIVATE-NOTE please call after six.",
        service_title="Anxiety therapy",
    )


@pytest.fixture
def editor(django_user_model):
    """Not an intake coordinator, though "change enquiry" was ticked for the group by mistake."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
        Permission.objects.get(codename="change_submission"),
    )
    user.groups.add(group)
    return user


def inspect_html(client, submission):
    response = client.get(reverse("enquiries:inspect", args=[submission.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading):
    """The HTML of the <section> whose heading is `heading`."""
    match = re.search(
        rf"<section[^>]*>\s*<h2[^>]*>\s*{re.escape(heading)}\s*</h2>(.*?)</section>", html, re.S
    )
    assert match, f"no section headed {heading!r}"
    return match.group(1)


def update_url(submission):
    return reverse("enquiries:update", args=[submission.pk])


def test_the_page_is_grouped_for_the_coordinators_work(client, coordinator, enquiry):
    client.force_login(coordinator)
    html = inspect_html(client, enquiry)
    headings = re.findall(r"<h2[^>]*>\s*([^<]+?)\s*</h2>", html)
    order = [
        headings.index(h)
        for h in ("How to reach them safely", "What they are asking for", "Status and notes")
    ]
    assert order == sorted(order)
    # The delivery details come last, folded away.
    details = html.rindex("<details")
    assert details > html.index("Status and notes")
    assert "Staff notification" in html[details:] and "Staff notification" not in html[:details]


def test_how_to_reach_them_links_and_consents(client, coordinator, enquiry):
    client.force_login(coordinator)
    reach = section(inspect_html(client, enquiry), "How to reach them safely")
    assert "Inbox Person" in reach
    assert 'href="mailto:inbox@example.com"' in reach
    assert 'href="tel:+12015550188"' in reach
    # Voicemail given (with its time on the practice's clock), text and email not: said in words.
    assert re.search(r"✓.*Yes.*Jan\. 15, 2026, 7:38 a\.m\. EST", reach, re.S)
    assert reach.count("✗") == 2 and reach.count("No<") + reach.count("No ") >= 2
    assert "consent at —" not in reach.lower()
    assert "Weekday mornings, weekday evenings" in reach
    assert "Do not send texts" in reach  # the outreach guidance sits with the channels


def test_what_they_ask_for(client, coordinator, enquiry):
    client.force_login(coordinator)
    asks = section(inspect_html(client, enquiry), "What they are asking for")
    for text in (
        "Me (an adult)",
        "New Jersey, in person",
        "Anxiety therapy",
        "Either is fine",
        "Not sure yet",
    ):
        assert text in asks
    assert "PRIVATE-NOTE" in asks


def test_a_contact_message_page_is_grouped_too(client, coordinator):
    message = ContactMessageFactory(preferred_name="Msg Person", message="MESSAGE-TEXT", phone="")
    client.force_login(coordinator)
    html = inspect_html(client, message)
    assert 'href="mailto:' in section(html, "How to reach them safely")
    assert "MESSAGE-TEXT" in section(html, "What they are asking for")
    assert 'name="status"' in section(html, "Status and notes")


def test_coordinator_changes_the_status_and_adds_a_note_inline(client, coordinator, enquiry):
    client.force_login(coordinator)
    html = section(inspect_html(client, enquiry), "Status and notes")
    assert f'action="{update_url(enquiry)}"' in html and "csrfmiddlewaretoken" in html

    response = client.post(update_url(enquiry), {"status": "contacted", "note": "Left a voicemail."})
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:inspect", args=[enquiry.pk])
    enquiry.refresh_from_db()
    assert enquiry.status == Submission.Status.CONTACTED
    assert enquiry.first_replied_at is not None
    note = SubmissionNote.objects.get()
    assert (note.text, note.author, note.author_name) == ("Left a voicemail.", coordinator, "coordinator")

    page = client.get(response["Location"]).content.decode()
    assert "Left a voicemail." in section(page, "Status and notes")
    assert "Status changed" in page or "saved" in page.lower()  # the success message


def test_notes_are_shown_newest_first(client, coordinator, enquiry):
    client.force_login(coordinator)
    client.post(update_url(enquiry), {"status": "new", "note": "FIRST-NOTE"})
    client.post(update_url(enquiry), {"status": "new", "note": "SECOND-NOTE"})
    notes = section(inspect_html(client, enquiry), "Status and notes")
    assert notes.index("SECOND-NOTE") < notes.index("FIRST-NOTE")


def test_the_log_records_the_change_without_personal_data(client, coordinator, enquiry):
    client.force_login(coordinator)
    client.post(update_url(enquiry), {"status": "referred", "note": "SECRET-NOTE-TEXT about Inbox Person"})
    entries = ModelLogEntry.objects.filter(object_id=str(enquiry.pk))
    assert {entry.action for entry in entries} == {"contact.status", "contact.note"}
    for entry in entries:
        dumped = f"{entry.label} {entry.data}"
        assert "Inbox Person" not in dumped and "SECRET-NOTE" not in dumped and "inbox@" not in dumped
        assert entry.user == coordinator
    history = client.get(reverse("enquiries:history", args=[enquiry.pk])).content.decode()
    assert "Status changed" in history and "Note added" in history


def test_a_plain_editor_is_refused(client, editor, enquiry):
    client.force_login(editor)
    response = client.post(update_url(enquiry), {"status": "closed", "note": "x"})
    assert response.status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.status == Submission.Status.NEW and not SubmissionNote.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, enquiry):
    response = client.post(update_url(enquiry), {"status": "closed"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Submission.objects.get(pk=enquiry.pk).status == Submission.Status.NEW


def test_get_is_not_allowed_and_bad_input_is_a_400(client, coordinator, enquiry):
    client.force_login(coordinator)
    assert client.get(update_url(enquiry)).status_code == 405
    response = client.post(update_url(enquiry), {"status": "nonsense", "note": "kept"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(update_url(enquiry), {"status": "new", "note": "x" * 5000})
    assert response.status_code == 400
    assert not SubmissionNote.objects.exists()
    assert Submission.objects.get(pk=enquiry.pk).status == Submission.Status.NEW


def test_nothing_to_save_says_so(client, coordinator, enquiry):
    client.force_login(coordinator)
    response = client.post(update_url(enquiry), {"status": "new", "note": "  "}, follow=True)
    assert "Nothing changed" in response.content.decode()
    assert not ModelLogEntry.objects.filter(object_id=str(enquiry.pk)).exists()


def test_csrf_is_enforced(coordinator, enquiry):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(update_url(enquiry), {"status": "closed"}).status_code == 403


def test_first_reply_is_kept_from_the_first_change(client, coordinator, enquiry):
    client.force_login(coordinator)
    client.post(update_url(enquiry), {"status": "new", "note": "Tried calling."})
    enquiry.refresh_from_db()
    first = enquiry.first_replied_at
    assert first is not None and first <= timezone.now()
    client.post(update_url(enquiry), {"status": "closed", "note": ""})
    enquiry.refresh_from_db()
    assert enquiry.first_replied_at == first


def test_the_page_costs_the_same_queries_with_many_notes_and_views(client, coordinator, enquiry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            inspect_html(client, enquiry)
        return len(captured)

    client.force_login(coordinator)
    client.post(update_url(enquiry), {"status": "new", "note": "one"})
    inspect_html(client, enquiry)  # warm caches (settings, content types)
    few = count()
    for n in range(15):
        client.post(update_url(enquiry), {"status": "new", "note": f"note {n}"})
        inspect_html(client, enquiry)
    assert count() == few


def test_the_page_shown_again_after_a_save_is_not_a_second_opening(client, coordinator, enquiry):
    """The access log says who opened an enquiry: the coordinator opened it once, then saved a
    note; the page she is sent back to is the same opening. Opening it again later is logged."""
    client.force_login(coordinator)
    inspect_html(client, enquiry)
    response = client.post(update_url(enquiry), {"status": "contacted", "note": "Left a voicemail."})
    client.get(response["Location"])
    assert SubmissionView.objects.filter(submission=enquiry, user=coordinator).count() == 1
    inspect_html(client, enquiry)
    assert SubmissionView.objects.filter(submission=enquiry, user=coordinator).count() == 2
