"""Blog content types. (Foundation stub; the blog issue fills this in.)"""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from practice.models import BasePage


class BlogIndexPage(BasePage):
    intro = RichTextField(blank=True, help_text="Introduction above the list of articles.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = []
    max_count = 1
    template = "blog/blog_index_page.html"
