"""Images that carry meaning are described: Wagtail uses an image's description as its alt text.

- `practice.image_forms.DescribedImageForm` (`WAGTAILIMAGES_IMAGE_FORM_BASE`) requires the
  description on every upload and edit; it lives apart because Wagtail's image forms cannot be
  imported while models load, and this module is imported by models.
- `DescribedImagesMixin` lets a page name its image fields that carry meaning (hero, portrait,
  card); its admin form refuses to publish or submit for review while one of them holds an
  image without a description. Drafts still save, so an editor can fix the image and return.
- Images in a page body use Wagtail's `ImageBlock`, which asks for alt text or an explicit
  "decorative" choice.

Renditions are made ahead of visitors: saving an image queues `make_renditions`, which makes
every rendition in RENDITION_SPECS (the specs the templates use), and the demo loader queues it
for every image, so no visitor waits while an AVIF is encoded.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.tasks import task
from wagtail.admin.forms import WagtailAdminPageForm

from practice.structured_data import SOCIAL_IMAGE_SPEC

MISSING_DESCRIPTION = (
    "“%(title)s” has no description, so people using a screen reader would learn nothing from it. "
    "Add a description to the image under Images, or choose a described image."
)


class DescribedImagesPageForm(WagtailAdminPageForm):
    """Refuses to publish or submit while an image field named in the page's
    `described_image_fields` holds an image without a description. Saving a draft is allowed."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:  # saving a draft: required checks wait until publishing
            return cleaned_data
        for name in getattr(self.instance, "described_image_fields", ()):
            image = cleaned_data.get(name)
            if image is not None and not (image.description or "").strip():
                self.add_error(
                    name,
                    ValidationError(
                        MISSING_DESCRIPTION, code="image_description", params={"title": image.title}
                    ),
                )
        return cleaned_data


class DescribedImagesMixin:
    """For page models: list the image fields that carry meaning in `described_image_fields`."""

    described_image_fields = ()
    base_form_class = DescribedImagesPageForm


# Renditions made ahead of visitors. Every image-tag spec the templates use, written as in the
# tag (tests/practice/test_renditions.py fails when a template uses one missing here).
CLINICIAN_CARD_SPEC = "format-{avif,webp,jpeg} fill-{240x240,480x480}"
RENDITION_SPECS = (
    "format-{avif,webp,jpeg} fill-{480x360,960x720}",  # home hero
    "format-{avif,webp,jpeg} fill-{320x320,640x640}",  # clinician page photo
    CLINICIAN_CARD_SPEC,
    "format-{avif,webp,jpeg} fill-{400x225,800x450}",  # article card
    "format-{avif,webp,jpeg} width-{480,800,1200}",  # article hero
    "format-{avif,webp,jpeg} width-{400,800,1200}",  # image block in a body
    SOCIAL_IMAGE_SPEC,  # link previews (practice_tags.social_meta, blog.seo)
)


def with_renditions(pages, field, spec):
    """The pages, with the renditions `spec` names made for each one's `field` image and kept
    on the image (Wagtail's `get_renditions` adds them to its prefetched renditions): a list
    kept in the fragment cache then renders without asking the database for them."""
    from wagtail.images.models import Filter

    filters = Filter.expand_spec(spec)
    for page in pages:
        image = getattr(page, field)
        if image is not None:
            image.get_renditions(*filters)
    return pages


def rendition_filter_specs():
    """The filter specs of RENDITION_SPECS, expanded exactly as Wagtail's image tags expand them."""
    from wagtail.images.models import Filter

    return [spec for pattern in RENDITION_SPECS for spec in Filter.expand_spec(pattern)]


@task
def make_renditions(image_id):
    """Makes the renditions in RENDITION_SPECS that the image lacks; existing ones are kept.

    The original is read once for all of them. A missing image (deleted since) or an SVG
    (served as is) needs none. Returns how many of those renditions the image now has.
    """
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None or image.is_svg():
        return 0
    return len(image.get_renditions(*rendition_filter_specs()))


def queue_renditions(sender, instance, raw=False, **kwargs):
    """post_save receiver for the image model: queues `make_renditions` for the saved image."""
    if raw or not settings.RENDITIONS_AHEAD:
        return
    make_renditions.enqueue(instance.pk)


def queue_all_renditions():
    """Queues `make_renditions` for every image (the demo loader calls it); returns how many."""
    from wagtail.images import get_image_model

    if not settings.RENDITIONS_AHEAD:
        return 0
    image_ids = list(get_image_model().objects.values_list("pk", flat=True))
    for image_id in image_ids:
        make_renditions.enqueue(image_id)
    return len(image_ids)


def connect_renditions_ahead():
    """Called from PracticeConfig.ready: renditions are made whenever an image is saved."""
    from django.db.models.signals import post_save
    from wagtail.images import get_image_model

    post_save.connect(queue_renditions, sender=get_image_model(), dispatch_uid="practice-renditions-ahead")
