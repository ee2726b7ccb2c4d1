from django.core.management.base import BaseCommand

from accounts import throttle


class Command(BaseCommand):
    help = "Lifts the sign-in and password-reset pause on a username, email address or client address."

    def add_arguments(self, parser):
        parser.add_argument("name_or_address", nargs="+")

    def handle(self, *args, name_or_address, **options):
        for value in name_or_address:
            removed = throttle.lift(value)
            self.stdout.write(f"{value}: {'lifted' if removed else 'nothing to lift'}")
