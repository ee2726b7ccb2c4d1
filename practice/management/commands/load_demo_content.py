"""Load the demo practice: pages, settings, images and articles. Safe to run again.

Each installed app of the project may ship a `demo` module with `load(command, **options)`
and optionally `add_arguments(parser)`; they run in INSTALLED_APPS order, so the practice's
pages exist before the blog's articles link to them.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

PROJECT_APPS = ("practice", "blog", "contact")


def demo_modules():
    for app_config in apps.get_app_configs():
        if app_config.name in PROJECT_APPS and find_spec(f"{app_config.name}.demo"):
            yield import_module(f"{app_config.name}.demo")


class Command(BaseCommand):
    help = "Load the demo content of the practice (idempotent)."

    def add_arguments(self, parser):
        for module in demo_modules():
            if hasattr(module, "add_arguments"):
                module.add_arguments(parser)

    def handle(self, *args, **options):
        for module in demo_modules():
            with transaction.atomic():
                module.load(self, **options)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
