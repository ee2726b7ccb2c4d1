"""How articles are grouped: categories (a snippet staff manage) and free-form tags."""

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Category(index.Indexed, models.Model):
    """A broad subject, such as "Managing stress", with its own page at /blog/category/<slug>/."""

    name = models.CharField(max_length=80, unique=True, help_text="As readers see it, e.g. Managing stress.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The category's address: /blog/category/<slug>/. Left empty, it is made from the name. "
        "Changing it breaks links to the old address.",
    )
    description = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two sentences shown on the category's page and as its description in search engines.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class ArticlePageTag(TaggedItemBase):
    """Links an article to a taggit tag; tags are typed freely in the article's form."""

    content_object = ParentalKey("blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")
