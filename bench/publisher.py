"""Publishes an article every few seconds, as an editor would, for `make bench`'s "publish under
load": run with the site's environment (its database and cache), it gives each of the generated
sample articles in turn a new title, publishes it through a revision, and prints one line per
publish, `PUBLISHED <unix time> <path> <title>`, the moment the publish has committed.

    python bench/publisher.py EVERY_SECONDS COUNT
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(every, count):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteplatform.settings")
    import django

    django.setup()
    from blog.models import ArticlePage

    articles = list(ArticlePage.objects.filter(slug__startswith="sample-article-").order_by("path")[:count])
    started = time.monotonic()
    for number, article in enumerate(articles, start=1):
        time.sleep(max(0.0, started + number * every - time.monotonic()))
        article.title = f"Revised under load {number}: {article.slug}"
        article.save_revision().publish()  # commits, and the page cache's generation moves
        print(f"PUBLISHED {time.time():.3f} {article.get_url_parts()[2]} {article.title}", flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]), int(sys.argv[2]))
