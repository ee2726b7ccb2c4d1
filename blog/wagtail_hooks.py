"""Blog administration: categories as a snippet with their own menu item; a dashboard panel
to start an article and find drafts awaiting clinical review; the feed link the blog adds
to the head of every page of the site, and its latest articles on the home page."""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.models import ArticlePage, BlogIndexPage, Category
from blog.models.index import feed_url
from blog.templatetags.blog_tags import latest_articles
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


@hooks.register("home_page_sections")
def latest_articles_section(context):
    """The home page's newest articles, under the heading its editors chose."""
    page = context["page"]
    return render_to_string(
        "blog/components/latest_articles.html",
        latest_articles(context, 3, page.articles_heading),
        request=context.get("request"),
    )


class ArticlesPanel(Component):
    """ "Write an article" (a new page under the blog index, wherever it is), and the drafts in
    the blog's review workflow ("Clinical review" in the demo) with links to them. Shown to
    whoever may add articles. A fixed number of queries, however many drafts wait."""

    name = "articles"
    template_name = "blog/admin/articles_panel.html"
    order = 60
    shown = 5

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        self.blog = BlogIndexPage.objects.first()
        if self.blog is None or not self.blog.permissions_for_user(user).can_add_subpage():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        meta = ArticlePage._meta
        context = {
            "add_url": reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, self.blog.pk])
        }
        workflow = self.blog.get_workflow()
        if workflow is not None:
            waiting = WorkflowState.objects.active().filter(workflow=workflow).order_by("-created_at")
            ids = [int(pk) for pk in waiting.values_list("object_id", flat=True)[: self.shown]]
            titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "draft_title"))
            context.update(
                workflow=workflow.name,
                waiting=waiting.count(),
                drafts=[
                    {"title": titles[pk], "url": reverse("wagtailadmin_pages:edit", args=[pk])}
                    for pk in ids
                    if pk in titles
                ],
            )
        return context


@hooks.register("construct_homepage_panels")
def add_articles_panel(request, panels):
    panels.append(ArticlesPanel())
