from django.core.management.base import BaseCommand

from readership.services import counts_flush


class Command(BaseCommand):
    help = (
        "Add the readership counts waiting in Redis to the database now (the task worker does it "
        "every minute). Safe to run at any time, beside the worker."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Added {counts_flush()} batch(es) of counts.")
