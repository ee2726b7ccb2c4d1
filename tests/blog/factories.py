"""Factories for the blog: categories, articles, and a blog on top of the practice's site tree."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from blog.models import ArticlePage, BlogIndexPage, Category
from practice.models import TeamPage
from tests.factories import ClinicianPageFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")

    class Meta:
        model = Category
        django_get_or_create = ("name",)


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    intro = "<p>Articles from our clinicians.</p>"

    class Meta:
        model = BlogIndexPage


def paragraphs(words=220):
    """A body of about `words` words, in one rich text block."""
    text = " ".join(["calm"] * words)
    return [("paragraph", f"<h2>A heading</h2><p>{text}</p>")]


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = factory.LazyAttribute(lambda o: f"What {o.title} is about.")
    body = factory.LazyFunction(lambda: paragraphs(300))
    date = factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=n))
    # A clinician of its own on the team page unless the test names one (author=blog_site.author).
    author = factory.LazyFunction(lambda: ClinicianPageFactory(parent=TeamPage.objects.get()))

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()
