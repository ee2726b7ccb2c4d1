"""Demo images drawn by the project itself: soft abstract shapes, no photos of anyone.

Each image is small (a few tens of KB as JPEG) and carries a description, which
Wagtail uses as its alt text.
"""

import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

PALETTES = {
    "dawn": ["#f7d6c1", "#e9a17c", "#c9676b", "#6d2a63"],
    "sage": ["#e4ecdf", "#a9c2a0", "#6f8f72", "#3f5a4a"],
    "dusk": ["#efe3f0", "#c7a6cf", "#8a5a99", "#4a2545"],
    "sand": ["#fbf0dc", "#f2c98d", "#d99058", "#9c3d26"],
}


def _hex(color):
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def draw(palette, size=(1200, 800), seed=1):
    """A blurred field of overlapping circles in one palette."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    colors = [_hex(c) for c in PALETTES[palette]]
    image = PILImage.new("RGB", size, colors[0])
    layer = ImageDraw.Draw(image)
    width, height = size
    for index in range(9):
        radius = rng.randint(height // 5, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        layer.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colors[1 + index % 3])
    return image.filter(ImageFilter.GaussianBlur(radius=min(size) // 12))


def get_or_create_image(title, description, palette, *, size=(1200, 800), seed=1):
    """The image with this title, drawn and saved with its description (its alt text) when missing.

    Raises ValueError without a description: every demo image stands for something on its page.
    """
    if not description.strip():
        raise ValueError(f"The demo image “{title}” needs a description; it becomes its alt text.")
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = BytesIO()
    draw(palette, size, seed).save(buffer, format="JPEG", quality=78, optimize=True, progressive=True)
    filename = title.lower().replace(" ", "-") + ".jpg"
    image = Image(title=title, description=description, file=ImageFile(buffer, name=filename))
    image.save()
    return image
