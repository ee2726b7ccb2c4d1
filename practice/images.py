"""Images that carry meaning are described: Wagtail uses an image's description as its alt text.

- `practice.image_forms.DescribedImageForm` (`WAGTAILIMAGES_IMAGE_FORM_BASE`) requires the
  description on every upload and edit; it lives apart because Wagtail's image forms cannot be
  imported while models load, and this module is imported by models.
- `DescribedImagesMixin` lets a page name its image fields that carry meaning (hero, portrait,
  card); its admin form refuses to publish or submit for review while one of them holds an
  image without a description. Drafts still save, so an editor can fix the image and return.
- Images in a page body use Wagtail's `ImageBlock`, which asks for alt text or an explicit
  "decorative" choice.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

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
