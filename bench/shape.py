"""The blog a load test builds: BENCH_ARTICLES generated articles, and at 10,000 or more (issue
19's large site) 20 categories, 200 tags and 50 clinicians; below that the demo's own. Each can
be set on its own (BENCH_CATEGORIES, BENCH_TAGS, BENCH_CLINICIANS)."""

LARGE_SITE = 10_000


def demo_args(articles, environ):
    """`load_demo_content`'s options for a blog of `articles` generated articles."""
    large = articles >= LARGE_SITE
    args = ["--articles", str(articles)]
    for option, variable, default in (
        ("--categories", "BENCH_CATEGORIES", 20),
        ("--tags", "BENCH_TAGS", 200),
        ("--clinicians", "BENCH_CLINICIANS", 50),
    ):
        if value := int(environ.get(variable, default if large else 0)):
            args += [option, str(value)]
    return args
