"""Links to pages inside rich text, found in two queries whatever their number.

Wagtail's page link handler reads the linked pages in two queries (their content types, then
each type's own table), then each link's page in the visitor's language (`.localized`) in one
query per link. An address needs only the page's base row (its URL path and locale), so the
pages come here as Wagtail's deferred specific instances, in one query for all the links of a
text, and their translations in the language being served in one more (none where every link is
in it already). What the link says and where it goes are Wagtail's.
"""

from django.utils.html import format_html
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from siteplatform.i18n import live_translations


class OneQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = {str(page.pk): page for page in Page.objects.filter(pk__in=ids).specific(defer=True)}
        return [pages.get(pk) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        translated = live_translations([page for page in pages if page is not None])
        return [
            format_html('<a href="{}">', translated.get(page.pk, page).url) if page else "<a>"
            for page in pages
        ]
