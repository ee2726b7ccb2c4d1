"""Registers the practice's own admin screens with Wagtail: translation reviews (practice.translation_admin),
and the one-query page link handler of rich text (practice.rich_text)."""

from wagtail import hooks

import siteplatform.stream_field_posts  # noqa: F401 - registers its page editor hooks
from practice.rich_text import OneQueryPageLinkHandler
from practice.translation_admin import translation_review_viewset


@hooks.register("register_admin_viewset")
def register_translation_review_viewset():
    return translation_review_viewset


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "page" link type
def register_page_links(features):
    features.register_link_type(OneQueryPageLinkHandler)
