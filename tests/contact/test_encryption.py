"""Enquiries encrypted at rest (issue 21): what a visitor writes is ciphertext in the database,
staff still read it, find it by number, email or phone, and the keys rotate without losing any."""

import os
import shutil
import subprocess

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import Locale

from contact.models import ConsultationRequest, ContactMessage, Submission, SubmissionNote
from siteplatform import data_keys
from siteplatform.encrypted import rotate_stored, stored_key_problems
from tests.contact.factories import ConsultationRequestFactory, ContactMessageFactory, intake_post_data

UNIQUE = {
    "preferred_name": "Quillmoss Zephyrine",
    "pronouns": "xe/xyr-periwinkle",
    "email": "zephyrine.quillmoss@example.com",
    "phone": "201-555-0147",
    "payment": "insurance",
    "insurance_carrier": "Marmalade Mutual",
    "note": "Ask about the tangerine lighthouse dream.",
}
WORDS = ("Quillmoss", "Zephyrine", "periwinkle", "Marmalade", "tangerine lighthouse", "555-0147")


def raw_rows(*tables):
    """Every cell of the contact tables, as the database holds them (no model, no decryption)."""
    cells = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            cells += [str(cell) for row in cursor.fetchall() for cell in row]
    return " ".join(cells)


def post_unique_request(client):
    response = client.post("/contact/intake/", intake_post_data(**UNIQUE))
    assert response.status_code == 302
    return ConsultationRequest.objects.get()


@pytest.mark.django_db
def test_a_request_is_ciphertext_in_the_database_and_plain_on_the_admin_page(client, intake_site, admin_user):
    request = post_unique_request(client)
    stored = raw_rows("contact_submission", "contact_consultationrequest")
    for word in WORDS:
        assert word not in stored
    if connection.vendor == "sqlite":  # the whole database image, free pages included
        image = connection.connection.serialize()
        for word in WORDS:
            assert word.encode() not in image

    client.force_login(admin_user)
    page = client.get(reverse("enquiries:inspect", args=[request.pk])).content.decode()
    for word in ("Quillmoss Zephyrine", "xe/xyr-periwinkle", "Marmalade Mutual", "tangerine lighthouse"):
        assert word in page


@pytest.fixture
def default_locale(transactional_db):
    """Wagtail's first locale, which a transactional test that ran before flushed with the rest."""
    Locale.objects.get_or_create(language_code="en")


# Committed, so that pg_dump sees it (a transactional test: `make test` runs with --create-db).
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="the PostgreSQL half: CI runs the suite on PostgreSQL too",
)
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_holds_none_of_the_words(client, default_locale, intake_site, admin_user):
    pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
    post_unique_request(client)
    SubmissionNote.objects.create(
        submission=Submission.objects.get(),
        author_name="staff",
        text="Called; the tangerine lighthouse again.",
    )
    params = connection.get_connection_params()
    dump = subprocess.run(  # noqa: S603 - fixed program, our own test database
        [
            pg_dump,
            "-h",
            params.get("host") or "127.0.0.1",
            "-p",
            str(params.get("port") or 5432),
            "-U",
            params.get("user") or "postgres",
            "--data-only",
            params["dbname"],
        ],
        capture_output=True,
        check=True,
        env={**os.environ, "PGPASSWORD": params.get("password") or ""},
    ).stdout
    assert b"contact_consultationrequest" in dump
    for word in WORDS:
        assert word.encode() not in dump


@pytest.mark.django_db
def test_staff_notes_trail_notes_and_messages_are_ciphertext_too(admin_user):
    message = ContactMessageFactory(
        message="Saffron umbrella question.", staff_notes="Rang the saffron desk."
    )
    SubmissionNote.objects.create(
        submission=message, author=admin_user, author_name="admin", text="Saffron again"
    )
    stored = raw_rows("contact_submission", "contact_contactmessage", "contact_submissionnote")
    assert "affron" not in stored
    assert ContactMessage.objects.get().message == "Saffron umbrella question."


@pytest.mark.django_db
def test_the_inbox_finds_an_enquiry_by_number_email_or_phone_only(client, admin_user):
    wanted = ConsultationRequestFactory(email="Found.Me@Example.com", phone="(201) 555-0166")
    other = ConsultationRequestFactory(email="other@example.com", phone="201-555-0100")
    client.force_login(admin_user)

    def found(query):
        html = client.get(reverse("enquiries:index_results"), {"q": query}).content.decode()
        return {pk for pk in (wanted.pk, other.pk) if reverse("enquiries:inspect", args=[pk]) in html}

    assert found(f"#{wanted.pk}") == {wanted.pk}
    assert found(str(other.pk)) == {other.pk}
    assert found("  found.me@example.COM ") == {wanted.pk}
    assert found("+1 201 555 0166") == {wanted.pk}
    assert found("Client") == set()  # names are not searchable: they are ciphertext
    assert found("found.me") == set()  # exact addresses only


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key_and_the_old_key_can_go(settings, capsys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DATA_KEYS = [old]
    request = ConsultationRequestFactory(
        preferred_name="Old Key Person", note="old note", email="old@example.com"
    )
    message = ContactMessageFactory(message="old message")
    SubmissionNote.objects.create(submission=request, author_name="staff", text="old trail note")

    settings.DATA_KEYS = [new, old]
    assert stored_key_problems() == []
    call_command("rotate_data_keys", "--batch-size", "1")
    first = capsys.readouterr().out
    assert f"under key {data_keys.fingerprint(new)}" in first
    assert "Old Key Person" not in first
    call_command("rotate_data_keys")
    assert "0 value(s) re-encrypted" in capsys.readouterr().out  # safe to run twice

    settings.DATA_KEYS = [new]
    assert stored_key_problems() == []
    assert ConsultationRequest.objects.get(pk=request.pk).preferred_name == "Old Key Person"
    assert ConsultationRequest.objects.get(pk=request.pk).note == "old note"
    assert ContactMessage.objects.get(pk=message.pk).message == "old message"
    assert SubmissionNote.objects.get().text == "old trail note"
    assert Submission.objects.matching("old@example.com").get().pk == request.pk  # its index moved too


@pytest.mark.django_db
def test_a_missing_key_fails_loudly_at_start_up_not_on_first_read(settings, django_assert_num_queries):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DATA_KEYS = [old]
    ConsultationRequestFactory()
    settings.DATA_KEYS = [new]  # the old key dropped before rotating

    with django_assert_num_queries(1):  # cheap enough for every start
        problems = stored_key_problems()
    assert len(problems) == 1 and data_keys.fingerprint(old) in problems[0]
    from django.core.checks import run_checks

    assert any(data_keys.fingerprint(old) in error.msg for error in run_checks(databases=["default"]))
    with pytest.raises(Exception, match=data_keys.fingerprint(old)):
        call_command("task_worker", "--batch", "--backend", "notifications")


@pytest.mark.django_db
def test_a_rotation_stopped_half_way_carries_on_where_it_stopped(settings, capsys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DATA_KEYS = [old]
    ConsultationRequestFactory.create_batch(3, note="a note")
    settings.DATA_KEYS = [new, old]
    rotation = rotate_stored(batch_size=2)
    # Stopped once the enquiries' own table is done, as a killed process would be.
    count = next(count for model, count in rotation if model is Submission)
    assert count == 6  # three names and three phone numbers
    rotation.close()

    call_command("rotate_data_keys")
    out = capsys.readouterr().out
    assert "contact.Submission: 0 value(s)" in out and "contact.ConsultationRequest: 3 value(s)" in out
    settings.DATA_KEYS = [new]
    assert stored_key_problems() == []
    assert [request.note for request in ConsultationRequest.objects.all()] == ["a note"] * 3
