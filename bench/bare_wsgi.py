"""The ceiling of this machine for `make bench`: a WSGI app that answers every request with the
same bytes (BENCH_BODY_FILE, the seed article's HTML), under the same gunicorn and workers as
the site. No framework, no database: what serving those bytes costs at the least."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
