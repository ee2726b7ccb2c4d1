"""`{% picture %}` (practice/templatetags/picture_tags.py): Wagtail's own picture, its sizes
parsed once per template instead of at every render of every card (issue 19)."""

import pytest
from django.template import engines
from wagtail.images.models import Filter

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAG = '{% picture image format-{avif,webp,jpeg} fill-{400x225,800x450} sizes="23rem" loading="lazy" %}'


def render(library, image):
    template = engines["django"].from_string("{% load " + library + " %}" + TAG)
    return template, template.render({"image": image})


def test_the_picture_is_wagtails_own_picture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = ImageFactory()
    _, ours = render("picture_tags", image)
    _, wagtails = render("wagtailimages_tags", image)
    assert ours == wagtails
    assert ours.count("<source") == 2 and 'sizes="23rem"' in ours and 'loading="lazy"' in ours
    _, nothing = render("picture_tags", None)
    assert nothing == ""


def test_a_templates_sizes_are_parsed_once_however_many_cards_it_renders(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    images = [ImageFactory() for _ in range(3)]
    template, _ = render("picture_tags", images[0])
    parsed = []
    original = Filter.__init__

    def counting(self, *args, **kwargs):
        parsed.append(kwargs.get("spec", args[0] if args else None))
        original(self, *args, **kwargs)

    monkeypatch.setattr(Filter, "__init__", counting)
    for image in images:
        assert "<picture" in template.render({"image": image})
    assert parsed == []
