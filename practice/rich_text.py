"""Links to pages inside rich text, found in one query.

Wagtail's page link handler reads the linked pages in two queries (their content types, then
each type's own table) to build every link's address; an address needs only the page's base row
(its URL path and locale), so the pages come here as Wagtail's deferred specific instances, in
one query for all the links of a text. What the link says and where it goes are Wagtail's.
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class OneQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = {str(page.pk): page for page in Page.objects.filter(pk__in=ids).specific(defer=True)}
        return [pages.get(pk) for pk in ids]
