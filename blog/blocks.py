"""StreamField blocks of an article's body. Each block renders its own template."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from practice.blocks import RICH_TEXT_FEATURES, ImageWithCaptionBlock
from practice.intake import intake_url


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        max_length=300, help_text="A short line from the article worth pausing on. Keep it under 40 words."
    )
    attribution = blocks.CharBlock(
        max_length=120,
        required=False,
        help_text="Optional: who said it. Leave empty for the article's own words.",
    )

    class Meta:
        icon = "openquote"
        template = "blog/blocks/pull_quote.html"


class CallToActionBlock(blocks.StructBlock):
    """An invitation inside the article to read about a service or to request a consultation."""

    heading = blocks.CharBlock(max_length=120, help_text="For example: Curious what therapy could look like?")
    text = blocks.TextBlock(max_length=300, required=False, help_text="One or two sentences.")
    destination = blocks.ChoiceBlock(
        choices=[
            ("consultation", "The consultation request form"),
            ("service", "The chosen service's page"),
        ],
        default="consultation",
        help_text="Where the button leads.",
    )
    service = blocks.PageChooserBlock(
        page_type="practice.ServicePage",
        required=False,
        help_text="The service this invitation is about. With the consultation request, it is chosen "
        "in the form for the visitor.",
    )
    button_label = blocks.CharBlock(
        max_length=60, default="Request a free consultation", help_text="The words on the button."
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("destination") == "service" and not value.get("service"):
            raise blocks.StructBlockValidationError(
                block_errors={"service": ErrorList([ValidationError("Choose the service page to link to.")])}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        service = value.get("service")
        service = service.specific if service is not None and service.live else None
        if value.get("destination") == "service" and service is not None:
            url = service.get_url(request=(parent_context or {}).get("request"))
        else:
            url = intake_url(service=service.slug) if service else intake_url()
        context["url"] = url
        return context

    class Meta:
        icon = "pick"
        template = "blog/blocks/call_to_action.html"


class ReachOutBlock(blocks.StaticBlock):
    """Marks where the article's short invitation to reach out goes (its words are the practice's;
    its button opens the consultation request with the article's related service chosen)."""

    class Meta:
        icon = "mail"
        label = "Invitation to reach out"
        admin_text = (
            "A short invitation to request a free consultation appears here. Long articles get one "
            "after their second section unless you place it yourself."
        )
        template = "blog/blocks/reach_out.html"


class ArticleStreamBlock(blocks.StreamBlock):
    """The body of an article: text with headings and lists, quotes, images and invitations."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="components/blocks/rich_text.html",
        help_text="Text. Use Heading 2 for sections and Heading 3 inside them; never skip a level.",
    )
    pull_quote = PullQuoteBlock()
    image = ImageWithCaptionBlock()
    call_to_action = CallToActionBlock()
    reach_out = ReachOutBlock()
