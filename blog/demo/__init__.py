"""Demo content of the blog: the index at /blog/, categories, the seed article, a few short
articles, generated sample articles on request, and the "Clinical review" workflow.

The shape every app's demo has (see `practice.demo`): `load(**options)` here, the words in
`articles.py` and `seed.py` beside it, and `add_arguments(parser)` for the blog's own option of
`manage.py load_demo_content`. Loaded after the practice's demo, whose pages it links to.
Idempotent: things are found by slug or name and created only when missing; `--articles N`
tops the generated sample articles up to N.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from blog.demo import samples, seed
from blog.demo.articles import ARTICLES, CATEGORIES
from blog.models import ArticlePage, ArticleRelatedLink, BlogIndexPage, Category
from practice.demo.images import PALETTES, get_or_create_image
from practice.demo.pages import publish
from practice.models import ClinicianPage, HomePage, ServicePage

INDEX_INTRO = (
    "<p>Reflections from our clinicians on stress, relationships, family and culture, written for "
    "first- and second-generation women of color. Reading is never a substitute for care: if "
    "something here resonates, we would be glad to talk.</p>"
)
REVIEWERS_GROUP = "Clinical reviewers"
WORKFLOW_NAME = "Clinical review"


def add_arguments(parser):
    parser.add_argument(
        "--articles",
        type=int,
        default=0,
        help="Also make sure this many generated sample articles exist (for load and query tests).",
    )
    parser.add_argument(
        "--categories",
        type=int,
        default=0,
        help="With --articles: top the categories up to this many with generated ones, spread over the samples.",
    )
    parser.add_argument(
        "--tags",
        type=int,
        default=0,
        help="With --articles: give the samples two each of this many generated tags (theme 1, theme 2, …).",
    )


def load(*, articles=0, categories=0, tags=0, **options):
    """Create the blog's demo content where missing; returns a summary line."""
    home = HomePage.objects.first()
    if home is None:
        raise CommandError("The blog demo needs the practice’s home page; load the practice demo first.")
    blog = ensure_index(home)
    named = {name: ensure_category(name, description) for name, description in CATEGORIES.items()}
    clinicians = list(ClinicianPage.objects.live().order_by("path"))
    seed_article = ensure_seed_article(blog, clinicians)
    created = [seed_article]
    for position, data in enumerate(ARTICLES, start=1):
        created.append(ensure_article(blog, data, named[data["category"]], clinicians, position))
    ensure_related(seed_article, created)
    ensure_clinical_review(blog)
    samples = ensure_samples(blog, articles, categories=categories, tags=tags, clinicians=clinicians)
    return f"Blog ready: {ArticlePage.objects.live().count()} live articles ({samples} samples)."


def ensure_index(home):
    blog = BlogIndexPage.objects.first()
    if blog is None:
        blog = home.add_child(
            instance=BlogIndexPage(
                title="Blog",
                slug="blog",
                intro=INDEX_INTRO,
                seo_title="Articles on healing, culture and care",
            )
        )
        publish(blog)
    return blog


def ensure_category(name, description=""):
    category = Category.objects.filter(name__iexact=name).first()
    if category is None:
        category = Category.objects.create(name=name, description=description)
    return category


def people(clinicians, position):
    """(author, reviewer) taking turns among the clinicians; the reviewer is never the author."""
    if not clinicians:
        return None, None
    author = clinicians[position % len(clinicians)]
    reviewer = clinicians[(position + 1) % len(clinicians)] if len(clinicians) > 1 else None
    return author, reviewer


def hero_image(title, description, palette, seed_number):
    return get_or_create_image(title, description, palette, size=(1200, 675), seed=seed_number)


def create_article(blog, *, slug, categories, tags, **fields):
    article = blog.add_child(instance=ArticlePage(slug=slug, **fields))
    article.categories.set(categories)
    article.tags.set(tags)
    article.save()
    return publish(article)


def ensure_seed_article(blog, clinicians):
    existing = ArticlePage.objects.child_of(blog).filter(slug=seed.SLUG).first()
    if existing is not None:
        return existing
    category_name, title, paragraphs = seed.read_seed()
    service = ServicePage.objects.filter(slug=seed.SERVICE_SLUG).first()
    if service is None:
        raise CommandError(
            f"The seed article links to the service page “{seed.SERVICE_SLUG}”, which is missing."
        )
    intake_url = f"{reverse('contact:intake')}?service={service.slug}"
    author, reviewer = people(clinicians, 0)
    today = timezone.localdate()
    return create_article(
        blog,
        slug=seed.SLUG,
        title=title,
        summary=seed.SUMMARY,
        body=seed.seed_body(paragraphs, service_page_id=service.pk, intake_url=intake_url),
        hero_image=hero_image(
            "Article: trust issues", "Soft plum and peach circles overlapping, warm and calm.", "dusk", 11
        ),
        date=today - datetime.timedelta(days=3),
        author=author,
        clinically_reviewed_by=reviewer,
        last_reviewed=today - datetime.timedelta(days=3),
        related_service=service,
        categories=[ensure_category(category_name, CATEGORIES.get(category_name, ""))],
        tags=seed.TAGS,
    )


def ensure_article(blog, data, category, clinicians, position):
    existing = ArticlePage.objects.child_of(blog).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    services = {page.slug: page for page in ServicePage.objects.all()}
    body = []
    for block_type, value in data["body"]:
        if block_type == "call_to_action":
            value = {**value, "service": services.get(value["service"])}
        body.append((block_type, value))
    author, reviewer = people(clinicians, position)
    date = timezone.localdate() - datetime.timedelta(days=data["days_ago"])
    return create_article(
        blog,
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        body=body,
        hero_image=hero_image(f"Article: {data['title']}", data["image"], data["palette"], 20 + position),
        date=date,
        author=author,
        clinically_reviewed_by=reviewer,
        last_reviewed=date,
        related_service=services.get(data["service"]),
        categories=[category],
        tags=data["tags"],
    )


def ensure_related(seed_article, articles):
    """The seed article's related articles, chosen by hand; the others fill in automatically."""
    if seed_article.related_links.exists():
        return
    by_slug = {article.slug: article for article in articles}
    for order, slug in enumerate(
        ["setting-boundaries-with-family", "what-to-expect-in-your-first-therapy-session"]
    ):
        if slug in by_slug:
            ArticleRelatedLink.objects.create(page=seed_article, article=by_slug[slug], sort_order=order)


def ensure_clinical_review(blog):
    """A "Clinical review" workflow on the blog: a clinical reviewer approves before publication."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=blog,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([group])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=blog, defaults={"workflow": workflow})


def ensure_samples(blog, count, *, categories, tags, clinicians):
    """Top the generated sample articles up to `count` (blog.demo.samples); 0 when none are asked."""
    if not count:
        return 0
    palettes = list(PALETTES)
    images = [
        hero_image(
            f"Sample article image {n}", "Abstract blurred circles in soft colors.", palettes[n % 4], 40 + n
        )
        for n in range(6)
    ]
    return samples.ensure_samples(
        blog,
        count,
        categories=samples.ensure_categories(categories),
        clinicians=clinicians,
        images=images,
        tag_pool=samples.ensure_tag_pool(tags),
    )
