"""Backup and restore as named actions; the management commands `backup` and `restore` call them.

An archive (siteplatform/backups/archive.py) is an encrypted tar stream of, in this order:
`manifest.json` (format, when, database vendor, migration heads, media count and bytes: no
personal data), the database copy (database.py), and every media file under `media/`.
"""

import datetime
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

from siteplatform.backups import database, media
from siteplatform.backups.archive import (
    CHUNK_SIZE,
    FORMAT_VERSION,
    ArchiveError,
    DecryptingReader,
    EncryptingWriter,
)

MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
SUFFIX = ".backup"


class BackupError(Exception):
    """Why a backup or a restore did not happen, in words an operator can act on."""


def dated_name(name, now):
    return f"{name}-{now:%Y%m%dT%H%M%SZ}{SUFFIX}"


def backup_create(*, output):
    """Write an archive of this site to `output` (a path), readable by its owner only; the file
    appears complete or not at all. Returns the manifest."""
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="practice-backup-") as scratch:
            dump = Path(scratch) / database.DUMP_NAMES[database.vendor()]
            database.dump(dump)
            files = [(name, media.size(name)) for name in media.names()]
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": database.vendor(), "file": dump.name, "bytes": dump.stat().st_size},
                "migrations": database.migration_heads(),
                "media": {"files": len(files), "bytes": sum(size for _, size in files)},
            }
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw:
                with EncryptingWriter(raw) as writer, tarfile.open(fileobj=writer, mode="w|") as tar:
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                    tar.add(dump, arcname=dump.name, recursive=False)
                    for name, size in files:
                        info = tarfile.TarInfo(MEDIA_PREFIX + name)
                        info.size = size
                        with media.open_file(name) as stream:
                            tar.addfile(info, stream)
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def backup_to_directory(*, directory, name, keep=None, now=None):
    """Write a dated archive into `directory`, then keep only the newest `keep` archives named
    for `name` (others in the folder are left alone). Returns (path, manifest, removed paths)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / dated_name(name, now or datetime.datetime.now(datetime.UTC))
    if path.exists():
        raise BackupError(f"{path} already exists; wait a second and run the backup again.")
    manifest = backup_create(output=path)
    removed = prune(directory=directory, name=name, keep=keep) if keep else []
    return path, manifest, removed


def prune(*, directory, name, keep):
    """Delete all but the newest `keep` archives of `name` in `directory`; returns the deleted."""
    pattern = re.compile(rf"{re.escape(name)}-\d{{8}}T\d{{6}}Z{re.escape(SUFFIX)}")
    archives = sorted(path for path in Path(directory).iterdir() if pattern.fullmatch(path.name))
    old = archives[: max(len(archives) - keep, 0)]
    for path in old:
        path.unlink()
    return old


def read_manifest(path):
    """The manifest of the archive at `path` (decrypting only its first part)."""
    with open(path, "rb") as raw:
        return _manifest(_open_tar(raw)[0])


def verify(path):
    """Read the whole archive once without writing anything: every part decrypts, in order, and
    it holds what its manifest says. Returns the manifest; raises BackupError otherwise."""
    with open(path, "rb") as raw:
        tar, reader = _open_tar(raw)
        manifest = _manifest(tar)
        media_files = 0
        has_database = False
        try:
            for member in tar:
                has_database |= member.name == manifest["database"]["file"]
                media_files += member.name.startswith(MEDIA_PREFIX)
            while reader.read(CHUNK_SIZE):  # to the last part, past tar's end blocks
                pass
        except (ArchiveError, tarfile.TarError) as error:
            raise BackupError(str(error)) from None
    if not has_database or media_files != manifest["media"]["files"]:
        raise BackupError("The archive is incomplete: it does not hold what its manifest lists.")
    return manifest


def restore_problems(manifest, *, replace):
    """Why this site cannot take the archive now, as sentences (empty: it can)."""
    problems = []
    here = database.vendor()
    if manifest["database"]["vendor"] != here:
        problems.append(
            f"The archive holds a {manifest['database']['vendor']} database; this site's DATABASE_URL "
            f"is {here}. Restore onto the same kind of database."
        )
    unknown = database.unknown_migrations(manifest["migrations"])
    if unknown:
        problems.append(
            "The archive was made by newer code than this (migrations unknown here: "
            f"{', '.join(unknown[:5])}). Deploy that release, then restore."
        )
    if not replace:
        tables = database.table_count()
        if tables:
            problems.append(f"The database is not empty ({tables} tables).")
        files = len(media.names())
        if files:
            problems.append(f"The media storage is not empty ({files} file{'s' if files != 1 else ''}).")
        if tables or files:
            problems.append(
                "Restore into a new, empty database and media folder or bucket, or pass --replace "
                "to write over what is there."
            )
    return problems


def backup_restore(*, path, replace=False):
    """Rebuild this site's database and media from the archive at `path`. Checks the whole
    archive and the target first and changes nothing when either is wrong (BackupError).
    Returns the manifest. Run `migrate` afterwards to bring the database up to this code."""
    manifest = verify(path)
    problems = restore_problems(manifest, replace=replace)
    if problems:
        raise BackupError("\n".join(problems))
    with open(path, "rb") as raw, tempfile.TemporaryDirectory(prefix="practice-restore-") as scratch:
        tar, _ = _open_tar(raw)
        _manifest(tar)
        for member in tar:
            if member.name == manifest["database"]["file"]:
                dump = Path(scratch) / member.name
                with open(dump, "wb") as copy:
                    shutil.copyfileobj(tar.extractfile(member), copy)
                database.load(dump, replace=replace)
            elif member.name.startswith(MEDIA_PREFIX) and member.isfile():
                media.restore_file(
                    member.name.removeprefix(MEDIA_PREFIX), tar.extractfile(member), member.size
                )
    return manifest


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _open_tar(raw):
    """The archive's tar stream and the decrypting reader under it."""
    try:
        reader = DecryptingReader(raw)
        return tarfile.open(fileobj=reader, mode="r|"), reader
    except (ArchiveError, tarfile.TarError) as error:
        raise BackupError(str(error)) from None


def _manifest(tar):
    try:
        member = tar.next()
        if member is None or member.name != MANIFEST:
            raise BackupError("The archive has no manifest: it was not made by `manage.py backup`.")
        manifest = json.load(tar.extractfile(member))
    except (ArchiveError, tarfile.TarError) as error:
        raise BackupError(str(error)) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"The archive's format {manifest.get('format')} is not one this code reads.")
    return manifest
