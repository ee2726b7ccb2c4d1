from django.core.management.base import BaseCommand

from readership.services import counts_tidy


class Command(BaseCommand):
    help = (
        "Roll daily readership counts older than READERSHIP_DAILY_MONTHS up by month, and drop the "
        "words of searches with no results after READERSHIP_WORDS_DAYS (the task worker also runs "
        "this every six hours). Safe to run again."
    )

    def handle(self, *args, **options):
        rolled, dropped = counts_tidy()
        self.stdout.write(f"Rolled up {rolled} daily count(s); dropped {dropped} search word count(s).")
