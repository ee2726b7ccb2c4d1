"""Blog administration: categories as a snippet with their own menu item; and the feed link
the blog adds to the head of every page of the site."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.models import Category
from blog.models.index import feed_url
from practice.models import PracticeSettings


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "Blog categories"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(CategoryViewSet)


@hooks.register("site_head_links")
def feed_link(request):
    """Every page advertises the blog's feed, once the blog is live."""
    url = feed_url(request)
    if not url:
        return []
    name = PracticeSettings.load(request_or_site=request).practice_name
    return [{"rel": "alternate", "type": "application/rss+xml", "title": f"{name}: articles", "href": url}]
