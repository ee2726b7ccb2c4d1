from django.core.management.base import BaseCommand, CommandError

from contact.notifications import notifications_resend


class Command(BaseCommand):
    help = (
        "Send now every email about a submission not sent yet (staff notifications and visitor "
        "confirmations that are pending, failed, or left claimed by a crashed worker). Safe to run "
        "at any time, also while the worker runs, e.g. after a mail outage or from cron; exits "
        "non-zero when some still fail."
    )

    def handle(self, *args, **options):
        delivered, failed = notifications_resend()
        self.stdout.write(f"Delivered {delivered} email(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} email(s) could not be delivered; see the admin for errors.")
