"""Load the demo site: every installed app's demo content, in INSTALLED_APPS order. Safe to run again.

An app takes part by shipping a `demo` package (or module) with `load(**options)`, which creates
what is missing and returns a one-line summary, and optionally `add_arguments(parser)` for its own
options. Apps are found the way Django's own autodiscovery finds `admin` modules, so a new app needs
no change here; INSTALLED_APPS order puts the practice's pages before the blog's articles.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


def demo_modules():
    """The `demo` module of each installed app that has one, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
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
                summary = module.load(**options)
            if summary:
                self.stdout.write(summary)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
