"""A TestCase base whose class shares one load of the demo content (and its own media folder)."""

import io
import shutil
import tempfile

from django.core.management import call_command
from django.test import TestCase, override_settings


class DemoSiteTestCase(TestCase):
    """The demo site, loaded once per class in setUpTestData and rolled back after it."""

    @classmethod
    def setUpClass(cls):
        cls._media_root = tempfile.mkdtemp(prefix="practice-demo-media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media_root)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls._media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
