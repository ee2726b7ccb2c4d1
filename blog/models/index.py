"""The blog index at /blog/: the article listings, category and tag pages, and the feeds."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from blog.feeds import ArticleFeed
from blog.models.article import RESERVED_SLUGS, ArticlePage
from blog.models.taxonomy import Category
from blog.seo import breadcrumb_list
from practice.blocks import RICH_TEXT_FEATURES
from practice.models import BasePage, PracticeSettings
from practice.navigation import breadcrumb_trail

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
        return ArticlePage.objects.child_of(self).published().newest_first()

    def route_url(self, name, request=None, **kwargs):
        """The path of one of this page's routes, e.g. route_url("category", slug="managing-stress")."""
        return self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs).lstrip("/")

    def route(self, request, path_components):
        """Fetch an article with everything its page shows in one go, instead of Wagtail's
        generic lookup followed by `.specific`."""
        if self.live and len(path_components) == 1 and path_components[0] not in RESERVED_SLUGS:
            article = (
                ArticlePage.objects.child_of(self).filter(slug=path_components[0]).with_article_data().first()
            )
            if article is not None:
                article._cached_parent_obj = self
                return article.route(request, [])
        return super().route(request, path_components)

    # Routes ----------------------------------------------------------------------

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("category/<slug:slug>/", name="category")
    def category_route(self, request, slug):
        category = get_object_or_404(Category, slug=slug)
        return self.render(request, category=category)

    @path("tag/<slug:slug>/", name="tag")
    def tag_route(self, request, slug):
        tags = Tag.objects.filter(blog_articlepagetag_items__isnull=False).distinct()
        return self.render(request, tag=get_object_or_404(tags, slug=slug))

    @path("feed/", name="feed")
    def feed_route(self, request):
        return self.feed(request, articles=self.articles)

    @path("category/<slug:slug>/feed/", name="category_feed")
    def category_feed_route(self, request, slug):
        category = get_object_or_404(Category, slug=slug)
        return self.feed(request, articles=self.articles.in_category(category), category=category)

    # Rendering -------------------------------------------------------------------

    def feed(self, request, *, articles, category=None):
        site_name = PracticeSettings.load(request_or_site=request).practice_name
        feed = ArticleFeed(self, request=request, articles=articles, category=category, site_name=site_name)
        return feed(request)

    def get_context(self, request, *args, category=None, tag=None, **kwargs):
        """One listing: every article, or those of a category or a tag, 12 to a page."""
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles
        crumbs = breadcrumb_trail(self, request)
        if category is not None:
            articles = articles.in_category(category)
            heading = category.name
            description = category.description or f"Articles about {category.name.lower()}."
            url = self.route_url("category", request, slug=category.slug)
            context["feed_url"] = self.route_url("category_feed", request, slug=category.slug)
        elif tag is not None:
            articles = articles.tagged(tag)
            heading = f"Articles tagged “{tag.name}”"
            description = f"Articles about {tag.name}."
            url = self.route_url("tag", request, slug=tag.slug)
        else:
            heading, description, url = self.title, self.get_meta_description(), self.get_url(request)
        if category is not None or tag is not None:
            crumbs.append((self.title, self.get_url(request)))

        page_obj = Paginator(articles.with_listing_data(), PAGE_SIZE).get_page(request.GET.get("page"))
        canonical = url if page_obj.number == 1 else f"{url}?page={page_obj.number}"
        context.update(
            blog_index=self,
            category=category,
            tag=tag,
            heading=heading,
            listing_description=description,
            page_obj=page_obj,
            articles=page_obj.object_list,
            categories=Category.objects.filter(articles__live=True).distinct(),
            canonical=request.build_absolute_uri(canonical),
            breadcrumbs=[{"title": title, "url": link} for title, link in crumbs],
            breadcrumb_current={"title": heading},
            breadcrumb_data=breadcrumb_list(request, [*crumbs, (heading, url)]),
        )
        return context
