"""Card images' renditions fetched with the cards, only in the sizes a card shows."""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter


def renditions_prefetch(image_field, spec):
    """A prefetch of the renditions `spec` names (as an image tag writes it) of the image in
    `image_field`, kept where Wagtail's image tags look first: Wagtail's own
    `ImageQuerySet.prefetch_renditions`, for images reached through a page's field.

    Not every rendition: each image has all of practice.images.RENDITION_SPECS made ahead (some
    fifty), and Wagtail's tags work out a key for every prefetched one to find the few they show."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=Filter.expand_spec(spec))
    )
    return Prefetch(f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
