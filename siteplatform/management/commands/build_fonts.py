"""Make the site's one web font: Source Serif 4 at weight 600, subset to Latin, as WOFF2.

`make install` runs this after pip has installed the font package (fontpkg-source-serif-4, the
upstream Google Fonts release under the SIL Open Font License) and fontTools, so the result is a
build artefact: it is written into static/fonts/ (git-ignored), where staticfiles finds it, with
the licence beside it. Nothing is downloaded; running it again gives the same bytes.
"""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

FAMILY = "Source Serif 4"
WEIGHT = 600
# Optical size of the instance: between the text (16) and display (60) designs, for headings of
# 20 to 44 px.
OPTICAL_SIZE = 24
FONT_NAME = "source-serif-4-600-latin.woff2"
LICENCE_NAME = "source-serif-4-OFL.txt"
# Basic Latin, Latin-1 (names such as Zoë or Muñoz) and the typographic punctuation the copy uses.
UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    *(0x2009, 0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2212),
]
LAYOUT_FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]


def fonts_dir():
    return Path(settings.BASE_DIR) / "static" / "fonts"


def build_font():
    """WOFF2 bytes of the heading font: one static instance, Latin only, unhinted."""
    import fontpkg
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    variable = TTFont(fontpkg.path(FAMILY), recalcTimestamp=False)
    instance = instantiateVariableFont(variable, {"wght": WEIGHT, "opsz": OPTICAL_SIZE})
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(instance)
    instance.flavor = "woff2"
    out = io.BytesIO()
    instance.save(out)
    return out.getvalue()


def licence_text():
    import fontpkg

    return (Path(fontpkg.path(FAMILY)).parent.parent / "LICENSE").read_text(encoding="utf-8")


class Command(BaseCommand):
    requires_system_checks = []  # runs at install time, before the site is configured
    help = (
        "Build static/fonts/ (the subset WOFF2 heading font and its licence) from the installed font package."
    )

    def handle(self, *args, **options):
        logging.getLogger("fontTools").setLevel(logging.WARNING)  # it lists every glyph at INFO
        target = fonts_dir()
        target.mkdir(parents=True, exist_ok=True)
        data = build_font()
        (target / FONT_NAME).write_bytes(data)
        (target / LICENCE_NAME).write_text(licence_text(), encoding="utf-8")
        self.stdout.write(f"{target / FONT_NAME}: {len(data):,} bytes")
