"""Made-up readership numbers for the demo (`load_demo_content`, which `make run` runs): eight
weeks of views, sources, requests and searches for the demo's pages, so the report and the
dashboard panel have something to show. Added only to a site without any count: real numbers
are never mixed with them, and loading again adds none."""

import random
from datetime import timedelta

from wagtail.models import Page

from readership.models import Count
from readership.services import today

DAYS = 56
MAX_PAGES = 60
SOURCES = ["search engine", "direct", "psychologytoday.com", "instagram.com", "aapi-mentalhealth.example"]
WORDS = ["sliding scale", "evening appointments", "ayurveda"]


def load(**options):
    if Count.objects.exists():
        return ""
    # Every live page of a small demo (the articles too), at most MAX_PAGES of a larger one.
    pages = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("path")
        .values_list("pk", flat=True)[:MAX_PAGES]
    )
    if not pages:
        return ""
    rng = random.Random(23)  # noqa: S311 - made-up numbers, the same on every fresh site
    popularity = {pk: rng.randint(2, 30) for pk in pages}
    rows = {}

    def add(day, language, metric, page_id=0, source="", count=1):
        key = (day, language, metric, page_id, source)
        rows[key] = rows.get(key, 0) + count

    for offset in range(DAYS):
        day = today() - timedelta(days=offset)
        growth = 1 + (DAYS - offset) / DAYS  # readership that grows over the weeks
        for pk, weight in popularity.items():
            for language, share in (("en", 1.0), ("ko", 0.2), ("hi", 0.1)):
                views = int(rng.randint(0, weight) * share * growth)
                if not views:
                    continue
                add(day, language, "view", pk, count=views)
                add(day, language, "source", pk, rng.choice(SOURCES), count=max(1, views // 2))
                if rng.random() < 0.08:
                    add(day, language, "request", pk)
        searches = rng.randint(0, 6)
        add(day, "en", "search", count=searches or 1)
        add(day, "en", "search_empty", count=searches // 3)
    for words in WORDS:
        add(
            today() - timedelta(days=rng.randint(0, 20)),
            "en",
            "empty_words",
            source=words,
            count=rng.randint(5, 9),
        )
    Count.objects.bulk_create(
        Count(day=day, language=language, metric=metric, page_id=page_id, source=source, count=count)
        for (day, language, metric, page_id, source), count in rows.items()
    )
    return f"Readership: {len(rows)} made-up daily counts over {DAYS // 7} weeks."
