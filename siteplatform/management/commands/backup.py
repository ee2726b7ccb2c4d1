"""`manage.py backup --output FILE` or `--directory DIR [--keep N]`: one encrypted archive of the
database and the media (siteplatform/backups/)."""

from django.core.management.base import BaseCommand, CommandError

from siteplatform.backups.archive import ArchiveError
from siteplatform.backups.database import DatabaseError
from siteplatform.backups.services import BackupError, backup_create, backup_to_directory


class Command(BaseCommand):
    help = (
        "Write one archive of the database and the media, encrypted with DATA_KEYS' newest key. "
        "Keep the archives and the keys off this server."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--output", help="The archive's path.")
        where.add_argument("--directory", help="A folder for a dated archive (NAME-YYYYMMDDTHHMMSSZ.backup).")
        parser.add_argument(
            "--keep",
            type=int,
            help="With --directory: keep the newest N archives of NAME, delete older ones.",
        )
        parser.add_argument(
            "--name", default="practice", help="With --directory: the site's name in archive names."
        )

    def handle(self, *, output, directory, keep, name, **options):
        if keep is not None and (not directory or keep < 1):
            raise CommandError("--keep takes a number of 1 or more, and only with --directory.")
        try:
            if directory:
                path, manifest, removed = backup_to_directory(directory=directory, name=name, keep=keep)
            else:
                path, manifest, removed = output, backup_create(output=output), []
        except (BackupError, ArchiveError, DatabaseError, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from None
        media = manifest["media"]
        self.stdout.write(
            f"Wrote {path}: the {manifest['database']['vendor']} database and {media['files']} media "
            f"files ({media['bytes']:,} bytes)."
        )
        for old in removed:
            self.stdout.write(f"Removed the older archive {old}.")
