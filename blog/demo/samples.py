"""Generated sample articles for load and query tests: thousands in seconds, not an hour.

An editor's publish (a revision, a search index update, a tree lock, a cache bump per page) costs
about a quarter of a second; 10,000 articles that way take most of an hour. Samples are instead
written the way `loaddata` writes a fixture: the Page rows in bulk with their tree paths worked
out here, each article's own row saved raw (no per-page signals: no search indexing, no cache
bump), categories and tags linked in bulk, and the search index filled once at the end. They
are published without revisions, which is all a listing, a feed, search or the sitemap reads.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from blog.models import ArticlePage, ArticlePageTag, Category
from blog.reading_time import reading_minutes

SLUG_PREFIX = "sample-article-"
TAG_SLUG_PREFIX = "sample-tag-"
CATEGORY_PREFIX = "Sample category "
BATCH = 500
TOPICS = [
    "Small steps toward calmer mornings",
    "Noticing the stories we tell ourselves",
    "Making room for joy in a busy week",
    "Conversations that feel hard at first",
    "Learning to ask for what you need",
    "Finding steadiness after a big change",
]


def ensure_categories(count):
    """Every category, topped up with generated ones until there are `count`."""
    existing = Category.objects.count()
    Category.objects.bulk_create(
        Category(name=f"{CATEGORY_PREFIX}{n}", slug=f"sample-category-{n}")
        for n in range(existing + 1, count + 1)
    )
    return list(Category.objects.order_by("pk"))


def ensure_tag_pool(count):
    """`count` generated tags ("theme 1" …), made where missing; [] for none."""
    wanted = {f"{TAG_SLUG_PREFIX}{n}": f"theme {n}" for n in range(1, count + 1)}
    have = set(Tag.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    Tag.objects.bulk_create(Tag(name=name, slug=slug) for slug, name in wanted.items() if slug not in have)
    return list(Tag.objects.filter(slug__in=wanted).order_by("pk"))


def tags_for(number, pool, fixed):
    """Two tags of the pool per article, spread so every tag gets articles; without a pool, the
    words the samples always had ("sample" and the topic's first word)."""
    if not pool:
        return [fixed["sample"], fixed[TOPICS[number % len(TOPICS)].split()[0].lower()]]
    first = pool[number % len(pool)]
    second = pool[(number // len(pool) + number + 1) % len(pool)]
    return [first] if first == second else [first, second]


def sample_body(topic, number):
    return [
        (
            "paragraph",
            f"<h2>{topic}</h2><p>This is sample article {number}, generated to show how the blog "
            "behaves with many articles. Real articles are written and reviewed by our clinicians.</p>"
            "<ul><li>Notice what you feel</li><li>Name it kindly</li><li>Choose one small next step</li></ul>",
        )
    ]


class PathAllocator:
    """Materialised paths of new children appended under `parent`, the way treebeard numbers
    them: the parent's path plus one fixed-width step in Page.alphabet, one past the last child."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
        self.next = self.decode(last[-Page.steplen :]) + 1 if last else 1

    @staticmethod
    def decode(step):
        value = 0
        for char in step:
            value = value * len(Page.alphabet) + Page.alphabet.index(char)
        return value

    @staticmethod
    def encode(value):
        digits = ""
        while value:
            value, rest = divmod(value, len(Page.alphabet))
            digits = Page.alphabet[rest] + digits
        return digits.rjust(Page.steplen, Page.alphabet[0])

    def take(self):
        path = self.parent.path + self.encode(self.next)
        self.next += 1
        return path


def ensure_samples(blog, count, *, categories, clinicians, images, tag_pool=()):
    """Top the generated sample articles under `blog` up to `count`; returns how many there are.
    `clinicians` take turns as author and reviewer, `categories` and `images` in turn too."""
    existing = ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing >= count:
        return existing
    words = {"sample"} | {topic.split()[0].lower() for topic in TOPICS}
    fixed = {word: Tag.objects.get_or_create(name=word, defaults={"slug": word})[0] for word in words}
    paths = PathAllocator(blog)
    created = []
    reading_time = reading_minutes(ArticlePage(body=sample_body(TOPICS[0], count)).body)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    numbers = range(existing + 1, count + 1)
    for start in range(0, len(numbers), BATCH):
        batch = numbers[start : start + BATCH]
        articles = []
        for number in batch:
            topic = TOPICS[number % len(TOPICS)]
            author = clinicians[number % len(clinicians)] if clinicians else None
            reviewer = clinicians[(number + 1) % len(clinicians)] if len(clinicians) > 1 else None
            slug = f"{SLUG_PREFIX}{number:04d}"
            articles.append(
                ArticlePage(
                    title=f"Sample article {number}: {topic}",
                    draft_title=f"Sample article {number}: {topic}",
                    slug=slug,
                    path=paths.take(),
                    depth=blog.depth + 1,
                    numchild=0,
                    url_path=f"{blog.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=blog.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    summary=f"A generated sample article about {topic.lower()}, for load and query tests.",
                    body=sample_body(topic, number),
                    hero_image=images[number % len(images)] if images else None,
                    date=timezone.localdate() - datetime.timedelta(days=40 + number % 3650),
                    author=author,
                    clinically_reviewed_by=reviewer,
                    reading_time=reading_time,
                )
            )
        save_articles(articles)
        created += [article.pk for article in articles]
        link_terms(articles, categories, tag_pool, fixed, first=batch[0])
    Page.objects.filter(pk=blog.pk).update(numchild=blog.get_children().count())
    index_for_search(created)
    return count


def save_articles(articles):
    """The Page rows in one bulk insert, then each article's own row alone (raw, as a fixture
    is loaded: Django cannot bulk-insert a child of a concrete model)."""
    fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    pages = Page.objects.bulk_create(
        Page(**{name: getattr(article, name) for name in fields}) for article in articles
    )
    for page, article in zip(pages, articles, strict=True):
        article.pk = article.page_ptr_id = page.pk
        article.save_base(raw=True, force_insert=True)


def link_terms(articles, categories, tag_pool, fixed, *, first):
    """Each article's category (in turn) and two tags, in two bulk inserts."""
    through = ArticlePage.categories.through
    through.objects.bulk_create(
        through(articlepage_id=article.pk, category_id=categories[number % len(categories)].pk)
        for number, article in enumerate(articles, start=first)
        if categories
    )
    ArticlePageTag.objects.bulk_create(
        ArticlePageTag(content_object_id=article.pk, tag_id=tag.pk)
        for number, article in enumerate(articles, start=first)
        for tag in tags_for(number, tag_pool, fixed)
    )


def index_for_search(pks, chunk=500):
    """Add these articles to every search backend, a chunk at a time, once they are all written."""
    for backend in get_search_backends():
        for start in range(0, len(pks), chunk):
            objects = ArticlePage.get_indexed_objects().filter(pk__in=pks[start : start + chunk])
            backend.add_bulk(ArticlePage, list(objects))
