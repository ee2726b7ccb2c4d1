"""The blog index at /blog/: the article listings, category and tag pages, and the feeds."""

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Site
from wagtail.search import index

from blog.feeds import ArticleFeed
from blog.models.article import ArticlePage
from blog.models.queries import ListingPaginator
from blog.models.taxonomy import Category
from practice.blocks import RICH_TEXT_FEATURES
from practice.models import BasePage, PracticeSettings
from practice.structured_data import absolute
from siteplatform.page_cache import cached_fragment
from siteplatform.structure import remembered

PAGE_SIZE = 12


class BlogIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A few welcoming sentences above the list of articles; also the feed's description.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    max_count = 1
    template = "blog/blog_index_page.html"

    class Meta:
        verbose_name = "blog index"

    @property
    def articles(self):
        """This blog's articles that visitors may see, newest first."""
        return ArticlePage.objects.child_of(self.listing_root).visible().newest_first()

    # Routes ----------------------------------------------------------------------

    @path("category/<slug:slug>/", name="category")
    def category_route(self, request, slug):
        # The category comes out of the menu's one query rather than a query of its own.
        categories = self.category_menu()
        category = next((item for item in categories if item.slug == slug), None)
        if category is None:
            raise Http404
        return self.render(request, category=category, categories=categories)

    @path("tag/<slug:slug>/", name="tag")
    def tag_route(self, request, slug):
        tags = Tag.objects.filter(blog_articlepagetag_items__isnull=False).distinct()
        return self.render(request, tag=get_object_or_404(tags, slug=slug))

    @path("feed/", name="feed")
    def feed_route(self, request):
        return self.feed(request, articles=self.articles)

    @path("category/<slug:slug>/feed/", name="category_feed")
    def category_feed_route(self, request, slug):
        category = next((item for item in self.category_menu() if item.slug == slug), None)
        if category is None:
            raise Http404
        return self.feed(request, articles=self.articles.in_category(category), category=category)

    # Rendering -------------------------------------------------------------------

    def feed(self, request, *, articles, category=None):
        """The RSS document, built once per content generation (and host: its links are absolute)."""

        def build():
            site_name = PracticeSettings.load(request_or_site=request).practice_name
            feed = ArticleFeed(
                self, request=request, articles=articles, category=category, site_name=site_name
            )
            response = feed(request)
            return response.content, response["Content-Type"]

        name = f"blog:feed:{self.pk}:{category.slug if category else ''}:{request.get_host()}"
        content, content_type = cached_fragment(name, build)
        return HttpResponse(content, content_type=content_type)

    def category_menu(self):
        """Every category by name, each with `listed`: whether a live article has it (the
        listings' menu shows only those). Read once per content generation: a new category,
        a rename or a publish starts a new one."""

        def build():
            live = ArticlePage.categories.through.objects.filter(
                category=OuterRef("pk"), articlepage__live=True
            )
            return list(Category.objects.annotate(listed=Exists(live)).order_by("name"))

        return cached_fragment("blog:category-menu", build)

    def get_context(self, request, *args, category=None, tag=None, categories=None, **kwargs):
        """One listing: every article, or those of a category or a tag, 12 to a page.
        `categories` is `category_menu()` when the caller already has it."""
        context = super().get_context(request, *args, **kwargs)
        if categories is None:
            categories = self.category_menu()
        articles = self.articles
        heading = description = None
        if category is not None:
            articles = articles.in_category(category)
            heading = category.name
            description = category.description or gettext("Articles about %(subject)s.") % {
                "subject": category.name.lower()
            }
        elif tag is not None:
            articles = articles.tagged(tag)
            heading = gettext("Articles tagged “%(tag)s”") % {"tag": tag.name}
            description = gettext("Articles about %(subject)s.") % {"subject": tag.name}
        page_obj = ListingPaginator(articles.with_listing_data(), PAGE_SIZE).get_page(request.GET.get("page"))
        url = request.path if page_obj.number == 1 else f"{request.path}?page={page_obj.number}"
        context.update(
            category=category,
            tag=tag,
            heading=heading,
            page_obj=page_obj,
            articles=page_obj.object_list,
            categories=[item for item in categories if item.listed],
            canonical=absolute(request, url),
            open_graph={
                "title": heading or self.seo_title or self.title,
                "description": description or self.get_meta_description(),
            },
            listing_description=description or self.get_meta_description(),
        )
        return context


def blog_urls(request):
    """{"index": path, "feed": path} of the site's blog; "" each while the site has no live,
    public blog. Part of the site's structure (`siteplatform.structure`), read once per content
    generation in each process and language, so any page can link to the blog or advertise its
    feed without a query. Once per request (the head's feed link and the home page's latest
    articles both ask)."""
    urls = getattr(request, "blog_urls", None)
    if urls is not None:
        return urls
    site = Site.find_for_request(request)

    def build():
        blog = BlogIndexPage.objects.live().public().in_site(site).first() if site else None
        index = blog.get_url(request) if blog else ""
        return {"index": index, "feed": index + blog.reverse_subpage("feed") if blog else ""}

    urls = remembered(("blog-urls", site.pk if site else 0, translation.get_language()), build)
    if request is not None:
        request.blog_urls = urls
    return urls


def feed_url(request):
    """The path of the site's blog feed, or "" (see `blog_urls`)."""
    return blog_urls(request)["feed"]
