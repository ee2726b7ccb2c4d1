"""Backups (siteplatform/backups/): one encrypted archive of the database and the media, made and
checked in process. The restore drill, which rebuilds and serves a whole site from an archive, is
tests/siteplatform/test_backup_drill_live.py."""

import json
import os

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Locale

from siteplatform.backups import archive
from siteplatform.backups.services import read_manifest
from tests.factories import build_site
from tests.practice.s3 import PUBLIC_MEDIA_PREFIXES, S3Server, media_settings

# Backups copy what is committed (SQLite's backup waits on an open write transaction forever).
pytestmark = pytest.mark.django_db(transaction=True)

# A word that is in the database and in a media file, and must be in neither form in an archive.
MARKER = "Zanzibar-Quokka-7731"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def site_tree(transactional_db):
    """The page tree on a database a transactional test flushed (its default locale too)."""
    Locale.objects.get_or_create(language_code="en")
    return build_site()


@pytest.fixture
def content(site_tree, media):
    """A page whose title is MARKER, and one media file that holds it."""
    site_tree.home.title = MARKER
    site_tree.home.save_revision().publish()
    default_storage.save("documents/notes.txt", ContentFile(f"{MARKER} in a file".encode()))
    return site_tree


def backup(path):
    call_command("backup", "--output", str(path), verbosity=0)
    return path


def test_the_archive_holds_the_database_and_media_encrypted_and_a_manifest_without_personal_data(
    content, tmp_path
):
    path = backup(tmp_path / "site.backup")

    data = path.read_bytes()
    assert MARKER.encode() not in data
    assert b"SQLite format" not in data and b"PGDMP" not in data
    assert os.stat(path).st_mode & 0o077 == 0, "others on the server can read the archive"
    manifest = read_manifest(path)
    assert manifest["format"] == archive.FORMAT_VERSION
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["media"]["files"] == 1
    assert manifest["media"]["bytes"] == len(f"{MARKER} in a file")
    assert manifest["migrations"]["wagtailcore"].startswith("0")
    assert MARKER not in json.dumps(manifest)


def test_an_archive_made_with_an_older_key_reads_after_a_rotation(content, tmp_path, settings):
    old = settings.DATA_KEYS[0]
    path = backup(tmp_path / "site.backup")
    settings.DATA_KEYS = [Fernet.generate_key().decode(), old]

    assert read_manifest(path)["media"]["files"] == 1


def test_a_wrong_key_refuses_to_restore_and_changes_nothing(content, tmp_path, settings, media):
    path = backup(tmp_path / "site.backup")
    (media / "documents" / "notes.txt").write_text("changed since the backup")
    settings.DATA_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="cannot be decrypted with the DATA_KEYS"):
        call_command("restore", str(path), "--noinput", "--replace", verbosity=0)

    assert (media / "documents" / "notes.txt").read_text() == "changed since the backup"
    content.home.refresh_from_db()
    assert content.home.title == MARKER


def test_a_damaged_or_cut_short_archive_is_refused_by_name(content, tmp_path):
    path = backup(tmp_path / "site.backup")
    data = path.read_bytes()
    cut = tmp_path / "cut.backup"
    cut.write_bytes(data[: len(data) - 200])
    other = tmp_path / "other.txt"
    other.write_text("not an archive")

    with pytest.raises(CommandError, match="cut short"):
        call_command("restore", str(cut), "--noinput", "--replace", verbosity=0)
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(other), "--noinput", verbosity=0)


def test_restore_refuses_a_database_with_tables_and_media_with_files(content, tmp_path):
    path = backup(tmp_path / "site.backup")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), "--noinput", verbosity=0)

    message = str(refused.value)
    assert "The database is not empty" in message
    assert "The media storage is not empty (1 file)" in message
    assert "--replace" in message


def test_a_directory_keeps_the_newest_archives_of_this_site_only(site_tree, media, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    older = [f"practice-2026010{day}T020000Z.backup" for day in range(1, 5)]
    for name in [*older, "othersite-20260101T020000Z.backup", "notes.txt"]:
        (folder / name).write_text("old")

    call_command("backup", "--directory", str(folder), "--keep", "2", verbosity=0)

    names = sorted(path.name for path in folder.iterdir())
    made = [name for name in names if name.startswith("practice-") and name not in older]
    assert len(made) == 1
    assert names == sorted([older[-1], made[0], "othersite-20260101T020000Z.backup", "notes.txt"])
    assert read_manifest(folder / made[0])["format"] == archive.FORMAT_VERSION


def test_framing_detects_reordered_and_spliced_chunks(tmp_path, settings):
    path = tmp_path / "frames.bin"
    with open(path, "wb") as raw, archive.EncryptingWriter(raw, chunk_size=16) as writer:
        writer.write(b"a" * 40)
    data = path.read_bytes()
    frames = archive.split_frames(data)
    assert len(frames) == 3
    swapped = data[: len(archive.MAGIC)] + frames[1] + frames[0] + frames[2]

    with open(path, "rb") as raw:
        assert archive.DecryptingReader(raw).read() == b"a" * 40
    (tmp_path / "swapped.bin").write_bytes(swapped)
    with (
        open(tmp_path / "swapped.bin", "rb") as raw,
        pytest.raises(archive.ArchiveError, match="out of order"),
    ):
        archive.DecryptingReader(raw).read()


def test_media_in_a_bucket_is_backed_up_and_restored_into_a_new_bucket(site_tree, tmp_path):
    with S3Server() as s3:
        old = s3.create_bucket("media-old", public_prefixes=PUBLIC_MEDIA_PREFIXES)
        with media_settings(s3.environ(old)):
            default_storage.save("original_images/garden.jpg", ContentFile(b"jpeg bytes"))
            default_storage.save("documents/fees.pdf", ContentFile(b"pdf bytes"))
            path = backup(tmp_path / "site.backup")
        assert read_manifest(path)["media"] == {"files": 2, "bytes": len(b"jpeg bytes") + len(b"pdf bytes")}

        new = s3.create_bucket("media-new", public_prefixes=PUBLIC_MEDIA_PREFIXES)
        with media_settings(s3.environ(new)):
            call_command("restore", str(path), "--noinput", "--replace", verbosity=0)

        assert s3.keys(new) == {"original_images/garden.jpg", "documents/fees.pdf"}
        body = s3.client().get_object(Bucket=new, Key="documents/fees.pdf")["Body"].read()
        assert body == b"pdf bytes"
