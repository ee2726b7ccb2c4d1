from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import invitations
from accounts.tasks import send_two_factor_invitation


class Command(BaseCommand):
    help = (
        "Sends a user a one-time link for setting up two-factor sign-in (queued for the task "
        "worker), or with --print shows it here instead: the way in for a first superuser on a "
        "site that requires two-factor and sends no mail yet. Earlier links stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--print", action="store_true", dest="print_link", help="Print the link instead of emailing it."
        )

    def handle(self, *args, username, print_link, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if print_link:
            self.stdout.write(
                f"One-time two-factor set-up link for {username} (valid {invitations.MAX_AGE.days} days; "
                f"open it, sign in with the password):\n{invitations.link(user)}"
            )
            return
        if not user.email:
            raise CommandError(f"{username} has no email address; use --print.")
        send_two_factor_invitation.enqueue(user.pk)
        self.stdout.write(f"{username}: a set-up link is queued for their email address.")
