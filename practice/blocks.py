"""StreamField blocks of the practice's pages, which the blog's article body reuses.

Each block renders its own template."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from siteplatform.page_cache import cached_fragment

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another address, with its visible label."""

    label = blocks.CharBlock(max_length=80, help_text="The words visitors see and click.")
    page = blocks.PageChooserBlock(required=False, help_text="Choose a page on this site…")
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="…or type an address, such as /contact/ or https://example.org.",
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ErrorList([ValidationError("Choose a page or type an address, not both.")])
                }
            )
        return value

    class Meta:
        icon = "link"
        template = "components/link.html"


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text="Phrase it the way a client would ask it.")
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="A short, plain answer.")

    class Meta:
        icon = "help"
        template = "components/blocks/faq.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "components/blocks/callout.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Alt text describes the image for people who cannot see it.")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class InsuranceCarriersBlock(blocks.StructBlock):
    """The insurance carriers editors keep as snippets (the clinician finder's list too), each
    with the clinicians in network with it: never typed twice, never out of date."""

    heading = blocks.CharBlock(max_length=120, default="Insurance we take")
    intro = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text="Optional: a sentence above the list, such as how to check your benefits.",
    )
    show_clinicians = blocks.BooleanBlock(
        required=False, default=True, help_text="Name the clinicians in network with each carrier."
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        carriers = cached_fragment("insurance-carriers", lambda: self.carriers(request), request=request)
        show = value.get("show_clinicians")
        context["carriers"] = [(name, clinicians if show else []) for name, clinicians in carriers]
        return context

    @staticmethod
    def carriers(request):
        """[(carrier name, [(clinician name, url)])] of every carrier, with the visible clinicians
        in network with it: two queries, kept as a fragment until content changes."""
        # By name from the app registry: the models import these blocks.
        ClinicianPage = apps.get_model("practice", "ClinicianPage")
        InsuranceCarrier = apps.get_model("practice", "InsuranceCarrier")
        clinicians = ClinicianPage.objects.visible().select_related(None).order_by("path")
        carriers = InsuranceCarrier.objects.order_by("name").prefetch_related(
            models.Prefetch("clinicians", queryset=clinicians, to_attr="in_network")
        )
        return [
            (carrier.name, [(person.title, person.get_url(request)) for person in carrier.in_network])
            for carrier in carriers
        ]

    class Meta:
        icon = "list-ul"
        label = "Insurance carriers list"
        template = "components/blocks/insurance_carriers.html"
        help_text = (
            "Lists the carriers from Snippets → Insurance carriers, as they are when the page is shown."
        )


class SlidingScaleCliniciansBlock(blocks.StaticBlock):
    """The clinicians whose pages say they offer a sliding scale, linked: the fees page names
    them from the one place it is kept, so it stays true when a clinician starts or stops."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["clinicians"] = cached_fragment(
            "sliding-scale-clinicians", lambda: self.clinicians(request), request=request
        )
        return context

    @staticmethod
    def clinicians(request):
        """[(name, url)] of the visible clinicians who offer a sliding scale: one query."""
        ClinicianPage = apps.get_model("practice", "ClinicianPage")
        offering = ClinicianPage.objects.visible().filter(offers_sliding_scale=True)
        return [(person.title, person.get_url(request)) for person in offering.order_by("path")]

    class Meta:
        icon = "group"
        label = "Clinicians offering a sliding scale"
        admin_text = (
            "Names the clinicians whose page checks “Sliding scale” (under Payment), "
            "as they are when the page is shown."
        )
        template = "components/blocks/sliding_scale_clinicians.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The body of standard pages (service pages have their own fields and an FAQ stream)."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/blocks/rich_text.html")
    callout = CalloutBlock()
    faq = FAQBlock()
    image = ImageWithCaptionBlock()
    insurance_carriers = InsuranceCarriersBlock()
    sliding_scale_clinicians = SlidingScaleCliniciansBlock()


class FAQStreamBlock(blocks.StreamBlock):
    """The questions and answers of a service page."""

    faq = FAQBlock()
