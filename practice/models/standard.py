"""Standard pages: About, Fees & insurance, FAQ, the legal notices."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from practice.blocks import ContentStreamBlock
from practice.models.base import BasePage


class StandardPage(BasePage):
    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two sentences under the title; also the default meta description.",
    )
    body = StreamField(ContentStreamBlock(), blank=True, help_text="The page's content.")

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["practice.HomePage", "practice.StandardPage"]
    subpage_types = ["practice.StandardPage"]
    template = "practice/standard_page.html"
