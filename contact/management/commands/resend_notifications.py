from django.core.management.base import BaseCommand, CommandError

from contact.services import notifications_resend


class Command(BaseCommand):
    help = (
        "Deliver every staff notification not yet sent (pending or failed), now. Safe to run at any "
        "time, e.g. after a mail outage or from cron; exits non-zero when some still fail."
    )

    def handle(self, *args, **options):
        delivered, failed = notifications_resend()
        self.stdout.write(f"Delivered {delivered} notification(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} notification(s) could not be delivered; see the admin for errors.")
