"""Articles: what staff write, clinicians review and visitors read."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from blog import seo
from blog.blocks import ArticleStreamBlock
from blog.models.queries import ArticlePageQuerySet, count_rows
from blog.models.taxonomy import ArticlePageTag
from blog.reading_time import reading_minutes
from practice.images import DescribedImagesMixin
from practice.intake import intake_url
from practice.models import BasePage, PracticeSettings
from siteplatform.page_cache import cached_fragment

RELATED_COUNT = 3
# Addresses under /blog/ that the index answers itself; an article may not take them.
RESERVED_SLUGS = frozenset({"category", "tag", "feed"})


class ArticlePageManager(PageManager.from_queryset(ArticlePageQuerySet)):
    """Articles come with the people, image, service and locale their page shows, joined in the same
    query: Wagtail's `.specific` fetches the page it serves through this default manager.

    Kept because it pays: without it an article costs 4 more queries (13 with the demo's
    article, over the blog's budget of 12 in tests/blog/test_queries.py). The joins are undone
    where Django or PostgreSQL refuse them (`ArticlePageQuerySet.only`/`select_for_update`)."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("hero_image", "author", "clinically_reviewed_by", "related_service", "locale")
        )


def today():
    return timezone.localdate()


class ArticlePage(DescribedImagesMixin, BasePage):
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences that make someone want to read on. Shown in listings, in the "
        "feed and as the description in search engines.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown above the article, on cards and when the article is shared. Its "
        "description is read aloud as alt text, so describe what it shows.",
    )
    body = StreamField(
        ArticleStreamBlock(),
        help_text="The article. Start sections with Heading 2; add quotes, images and invitations to reach out.",
    )
    date = models.DateField(
        "publication date",
        default=today,
        help_text="The date shown on the article and used to order the blog. For a scheduled article, "
        "set it to the day it goes live.",
    )
    categories = ParentalManyToManyField(
        "blog.Category",
        blank=True,
        related_name="articles",
        help_text="Usually one; each category has its own page and feed.",
    )
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        blank=True,
        help_text="A few specific topics, e.g. boundaries, family, burnout. Each tag has its own page.",
    )
    author = models.ForeignKey(
        "practice.ClinicianPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The clinician who wrote the article.",
    )
    clinically_reviewed_by = models.ForeignKey(
        "practice.ClinicianPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        help_text="A licensed clinician, other than the author, who checked the article's clinical content.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the clinical review last happened. Shown to readers."
    )
    related_service = models.ForeignKey(
        "practice.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The service this article leads to. The invitation to reach out at the end opens the "
        "consultation request with this service chosen.",
    )
    cta_heading = models.CharField(
        "closing heading",
        max_length=120,
        default="You do not have to work through this alone",
        help_text="Heading of the invitation to reach out at the end of the article.",
    )
    cta_text = models.TextField(
        "closing text",
        max_length=300,
        default="Request a free 15-minute consultation. We will get in touch to find a time that works for you.",
        help_text="A sentence under that heading.",
    )
    invite_mid_article = models.BooleanField(
        "invite readers to reach out mid-way",
        default=True,
        help_text="Long articles show a short invitation to request a free consultation after their "
        "second section. Place it yourself with the body's “Invitation to reach out” block, or uncheck "
        "this to leave the automatic one out.",
    )
    reading_time = models.PositiveSmallIntegerField(
        default=1,
        editable=False,
        help_text="Minutes to read, counted from the body when the article is saved.",
    )

    summary_field = "summary"
    described_image_fields = ["hero_image"]  # above the article and on its cards
    objects = ArticlePageManager()

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            # Checkboxes: a multi-select needs ctrl-click, and one plain click clears the choice.
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading="Categories and tags",
        ),
        MultiFieldPanel(
            [
                # The practice has a handful of clinicians and services: plain menus beat choosers.
                FieldPanel("author", widget=forms.Select),
                FieldRowPanel(
                    [FieldPanel("clinically_reviewed_by", widget=forms.Select), FieldPanel("last_reviewed")]
                ),
                FieldPanel("date"),
            ],
            heading="Authorship and review",
        ),
        MultiFieldPanel(
            [
                FieldPanel("related_service", widget=forms.Select),
                FieldPanel("cta_heading"),
                FieldPanel("cta_text"),
                FieldPanel("invite_mid_article"),
            ],
            heading="Invitation to reach out",
        ),
        InlinePanel(
            "related_links",
            label="Related article",
            max_num=RELATED_COUNT,
            heading="Related articles",
            help_text="Chosen by hand. Left empty (or short), articles sharing categories and tags fill in.",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    template = "blog/article_page.html"

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the blog itself; choose another slug."})
        if self.author_id and self.author_id == self.clinically_reviewed_by_id:
            raise ValidationError(
                {"clinically_reviewed_by": "The clinical reviewer should be someone other than the author."}
            )
        # Here, not in save(): Wagtail cleans a page on every save and publish, and the admin
        # cleans it for a preview, so previews show the reading time of the edited body too.
        self.reading_time = reading_minutes(self.body)

    def get_social_image(self):
        return self.hero_image

    @cached_property
    def category_list(self):
        """The article's categories by name (also those chosen in a preview, not yet saved)."""
        return sorted(self.categories.all(), key=lambda category: category.name)

    @cached_property
    def tag_list(self):
        """The article's tags by name (also those chosen in a preview, not yet saved)."""
        return sorted(self.tags.all(), key=lambda tag: tag.name)

    def get_sitemap_urls(self, request=None):
        """One entry, with lastmod the moment the article last changed for readers."""
        return [{"location": self.get_full_url(request), "lastmod": self.modified_at}]

    @property
    def published_at(self):
        """The publication date as an aware datetime: the first publication time when that fell
        on the publication date, midnight of that date otherwise."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def modified_at(self):
        return self.last_published_at or self.published_at

    def get_intake_url(self):
        """The consultation request, with the related service chosen when there is one."""
        service = self.related_service
        if service is not None and service.live:
            return intake_url(service=service.slug)
        return intake_url()

    def get_context(self, request, *args, **kwargs):
        """The article's page, with `blog_index` (its parent, for the category links and the
        breadcrumbs) and the body and related cards from the fragment cache."""
        context = super().get_context(request, *args, **kwargs)
        image = seo.social_image(request, self.hero_image)
        practice_name = PracticeSettings.load(request_or_site=request).practice_name
        # Deferred: the links and breadcrumbs read only the Page row's own fields (title, URL
        # path), so the index's own table is never queried.
        blog_index = self.get_parent().specific_deferred
        context.update(
            blog_index=blog_index,
            categories=self.category_list,
            tags=self.tag_list,
            body_html=cached_fragment(
                f"blog:article-body:{self.pk}",
                lambda: render_to_string("blog/components/article_body.html", {"page": self}),
                request=request,
            ),
            related_html=cached_fragment(
                f"blog:related-articles:{self.pk}",
                lambda: self.render_related_articles(request, blog_index=blog_index),
                request=request,
            ),
            open_graph=seo.article_open_graph(self, image=image),
            structured_data=seo.blog_posting(request, self, image=image, publisher_name=practice_name),
        )
        return context

    def render_related_articles(self, request, *, blog_index):
        """The "Keep reading" cards. A preview shows the choices being edited; a published page
        reads them in the query."""
        articles = self.get_related_articles(saved_choices=not request.is_preview)
        context = {"related_articles": articles, "blog_index": blog_index, "request": request}
        return render_to_string("blog/components/related_articles.html", context)

    def get_related_articles(self, limit=RELATED_COUNT, *, saved_choices=False):
        """Hand-picked articles first (in their order), then those sharing the most categories
        and tags, newest first, then the newest others, so a full row of cards shows whenever
        the blog has enough articles. Only articles visitors may see; never this one.

        The hand-picked choices are this instance's (so a preview's unsaved ones count), or
        with `saved_choices` those saved in the database, read inside the same one query.
        Only the articles picked or sharing a topic are ranked (the database reads them by their
        ids), so the cards cost the same in a blog of 10,000 articles as of 10: ranking every
        article took 41 ms of CPU at 10,000, 12 ms now. The newest others are a second query,
        only when too few articles share a topic."""
        pick, picked_ids = self._related_picks(saved_choices)
        shared, sharing_ids = self._shared_topics()
        candidates = picked_ids.union(*sharing_ids).order_by() if sharing_ids else picked_ids
        others = ArticlePage.objects.visible().exclude(pk=self.pk)
        related = list(
            others.filter(pk__in=candidates)
            .annotate(pick=pick, shared=shared)
            .order_by(F("pick").asc(nulls_last=True), "-shared", "-date", "-pk")
            .with_listing_data()[:limit]
        )
        if len(related) < limit:
            newest = others.exclude(pk__in=[article.pk for article in related]).order_by("-date", "-pk")
            related += newest.with_listing_data()[: limit - len(related)]
        return related

    def _related_picks(self, saved_choices):
        """(a candidate's place among the hand-picked choices, or None: an expression; the
        choices' ids: a query)."""
        if saved_choices:
            links = ArticleRelatedLink.objects.filter(page_id=self.pk)
            place = links.filter(article_id=OuterRef("pk")).order_by("sort_order").values("sort_order")[:1]
            return Subquery(place), links.order_by().values_list("article_id", flat=True)
        ids = [link.article_id for link in self.related_links.all() if link.article_id]
        whens = [When(pk=pk, then=Value(order)) for order, pk in enumerate(ids)]
        nothing = Value(None, output_field=models.IntegerField())
        place = Case(*whens, default=nothing, output_field=models.IntegerField()) if whens else nothing
        return place, ArticlePage.objects.filter(pk__in=ids).values_list("pk", flat=True)

    def _shared_topics(self):
        """(how many of this article's categories and tags a candidate shares: an expression,
        counted by a small subquery per candidate rather than by grouping the whole blog's rows;
        the ids of the articles sharing any: a query per kind of topic)."""
        topics = [
            (ArticlePage.categories.through, "articlepage", "category", [c.pk for c in self.category_list]),
            (ArticlePageTag, "content_object", "tag", [t.pk for t in self.tag_list]),
        ]
        counts, sharing = [], []
        for through, owner, field, ids in topics:
            if ids:
                rows = through.objects.filter(**{f"{field}__in": ids}).order_by()
                counts.append(Coalesce(count_rows(rows.filter(**{owner: OuterRef("pk")}), owner), 0))
                sharing.append(rows.values_list(f"{owner}_id", flat=True))
        return (sum(counts[1:], counts[0]) if counts else Value(0)), sharing


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article readers of this one would want next.",
    )

    panels = [PageChooserPanel("article", "blog.ArticlePage")]
