"""Registers the practice's own admin screens with Wagtail: translation reviews (practice.translation_admin)."""

from wagtail import hooks

import siteplatform.stream_field_posts  # noqa: F401 - registers its page editor hooks
from practice.translation_admin import translation_review_viewset


@hooks.register("register_admin_viewset")
def register_translation_review_viewset():
    return translation_review_viewset
