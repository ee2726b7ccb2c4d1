from django.core.management.base import BaseCommand, CommandError

from contact.models import ContactSettings
from contact.services import submissions_purge


class Command(BaseCommand):
    help = (
        "Delete enquiries older than the retention period in Settings > Contact and intake "
        "(default 365 days). Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only report how many would be deleted.")
        parser.add_argument("--days", type=int, help="Override the retention period for this run.")

    def handle(self, *args, dry_run=False, days=None, **options):
        days = ContactSettings.load().retention_days if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = submissions_purge(days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} enquir{'y' if count == 1 else 'ies'} older than {days} days.")
