"""The image library's form: Wagtail's, with the description (the image's alt text) required.

Set as `WAGTAILIMAGES_IMAGE_FORM_BASE`, so it applies to every upload and edit: the add and edit
views, the multiple uploader (which holds a file until its description is given) and the
chooser's upload tab.
"""

from wagtail.images.forms import BaseImageForm

from practice.images import queue_renditions

DESCRIPTION_HELP = (
    "Required. Read aloud in place of the image by screen readers (its alt text): say what it "
    "shows and why it is here, in a sentence."
)


class DescribedImageForm(BaseImageForm):
    """Wagtail's add/edit image form with the description required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].help_text = DESCRIPTION_HELP

    def save(self, commit=True):
        """Saves as Wagtail does; when the file was replaced, makes the new file's renditions."""
        file_replaced = "file" in self.changed_data and bool(self.original_file)
        image = super().save(commit=commit)
        if commit and file_replaced:
            # Wagtail deletes the old file's renditions after the image's post_save has run.
            queue_renditions(type(image), image)
        return image
