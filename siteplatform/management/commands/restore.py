"""`manage.py restore FILE --noinput`: rebuild this site's database and media from an archive
written by `manage.py backup` (siteplatform/backups/)."""

from django.core.management.base import BaseCommand, CommandError

from siteplatform.backups.database import DatabaseError
from siteplatform.backups.services import BackupError, backup_restore, verify


class Command(BaseCommand):
    help = (
        "Rebuild the database and the media from a backup archive, onto an empty database and "
        "media folder or bucket; then run `migrate`. Needs the DATA_KEYS the archive was made with."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive's path.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Write over a database with tables and media with files (files of the same name are replaced).",
        )

    def handle(self, *, archive, interactive, replace, **options):
        try:
            manifest = verify(archive)
            if interactive:
                answer = input(
                    f"Restore the backup made at {manifest['created_at']} into this site's database "
                    "and media? Type 'yes' to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            manifest = backup_restore(path=archive, replace=replace)
        except BackupError as error:
            raise CommandError(f"Nothing was restored.\n{error}") from None
        except (DatabaseError, OSError) as error:
            raise CommandError(
                f"The restore stopped part-way: {error}\nEmpty the database and media, then run it again."
            ) from None
        self.stdout.write(
            f"Restored the backup made at {manifest['created_at']}: the database and "
            f"{manifest['media']['files']} media files. Now run `manage.py migrate`."
        )
