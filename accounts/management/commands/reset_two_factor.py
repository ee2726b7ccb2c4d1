from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor


class Command(BaseCommand):
    help = (
        "Removes a user's authenticator, passkeys and recovery codes (a lost phone). If two-factor is "
        "required for them, they set up a new device from a one-time link (`invite_two_factor`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = two_factor.reset_devices(user)
        self.stdout.write(
            f"{username}: removed {removed} device(s). To set up a new one they need a one-time "
            f"link: manage.py invite_two_factor {username} (or Reports → Two-factor sign-in)."
        )
