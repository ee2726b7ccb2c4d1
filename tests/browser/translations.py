"""A Korean translation of the demo article, published on a live site for a while, then removed.

The demo publishes its Korean and Hindi pages (awaiting a clinician's review), so a live site
starts in three languages; tests that also need the article in Korean get it through the
`translated` fixture, which removes it again when its module is done.
"""

import json
from contextlib import contextmanager

KOREAN_ARTICLE_TITLE = "신뢰 문제에서 회복하기"

# Prints the ids of the Korean pages it had to create (the article, and the blog index above it
# when there was none), so that taking down can remove them again.
PUBLISH = f"""
import json
from wagtail.models import Locale, Page
from blog.models import ArticlePage
korean = Locale.objects.get(language_code="ko")
existing = set(Page.objects.filter(locale=korean).values_list("id", flat=True))
article = ArticlePage.objects.get(slug="healing-from-trust-issues", locale__language_code="en")
translated = article.get_translation_or_none(korean)
if translated is None:
    translated = article.copy_for_translation(korean, copy_parents=True)
translated.title = "{KOREAN_ARTICLE_TITLE}"
translated.save_revision().publish()
print(json.dumps(list(Page.objects.filter(locale=korean).exclude(id__in=existing).values_list("id", flat=True))))
"""

# Format with `created`: the ids PUBLISH printed. Deleting them matters to every later test on the
# worker: a second blog index (the Korean one) is a second answer to "the blog", for instance.
TAKE_DOWN = """
from wagtail.models import Page
for page in Page.objects.filter(id__in={created!r}).order_by("depth"):
    if Page.objects.filter(id=page.id).exists():  # not gone with a created parent
        page.delete()
"""


@contextmanager
def published_translations(live_site):
    """Publishes a Korean translation of the demo article on `live_site` for the block.

    Taking down leaves the site as the block found it (the pages made here are deleted), so a
    later module may publish it again, and tests that expect no Korean blog find none."""
    created = json.loads(live_site.shell(PUBLISH).strip().splitlines()[-1])
    try:
        yield live_site
    finally:
        live_site.shell(TAKE_DOWN.format(created=created))
