"""`manage.py rotate_data_keys`: re-encrypts every stored value under the newest data key."""

from django.core.management.base import BaseCommand, CommandError

from siteplatform import data_keys
from siteplatform.checks import stored_data_problems
from siteplatform.encrypted import rotate_stored


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value (enquiries, notes) under the newest key in DATA_KEYS, in "
        "batches. Safe to stop and run again; prints counts only. Drop an old key from DATA_KEYS "
        "only after this has run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per transaction (default: 500)."
        )

    def handle(self, *, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if problems := stored_data_problems():
            raise CommandError(" ".join(problems))
        newest = data_keys.fingerprints()[0]
        total = 0
        for model, count in rotate_stored(batch_size=batch_size):
            self.stdout.write(f"{model._meta.label}: {count} value(s) re-encrypted")
            total += count
        self.stdout.write(
            f"Done: {total} value(s) re-encrypted; every stored value is now under key {newest}."
        )
