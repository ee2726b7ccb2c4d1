"""The "Translation reviews" screens of the admin: each translated page, who translated it and
whether a clinician who speaks its language has reviewed it (awaiting reviews listed first).

Superusers, and the "Editors" and "Moderators" groups (given the model permissions by
migration practice 0010), may use them; anyone else gets a 403.
"""

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from practice.models import TranslationReview
from siteplatform.admin_views import forbidden_as_403


class TranslationReviewIndexView(IndexView):
    def get_base_queryset(self):
        # The title, language and status of every row, in the listing's one query.
        return super().get_base_queryset().select_related("page", "page__locale")


class TranslationReviewViewSet(ModelViewSet):
    model = TranslationReview
    icon = "globe"
    menu_label = "Translation reviews"
    menu_order = 260
    add_to_admin_menu = True
    name = "translation_reviews"
    url_prefix = "translation-reviews"
    index_view_class = TranslationReviewIndexView
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        TitleColumn(
            "page",
            label="Page",
            accessor=lambda review: review.page.title,
            url_name="translation_reviews:edit",
        ),
        Column("language", label="Language"),
        Column("translated_by", label="Translated by"),
        Column("status", label="Status"),
    ]
    search_fields = ["page__title", "translated_by", "reviewed_by"]
    search_backend_name = None  # plain database lookups; reviews are not in the site search index

    def construct_view(self, view_class, **kwargs):
        return forbidden_as_403(super().construct_view(view_class, **kwargs))


translation_review_viewset = TranslationReviewViewSet()
