"""gunicorn settings shared by `make serve`, the live test sites and production (`-c deploy/gunicorn.conf.py`).

Access log lines name the path without its query string (`%(U)s`, not `%(r)s`): the clinician
finder's and search's query strings say what a visitor is looking for ("?language=korean",
"?q=anxiety") and must not be kept. The referrer is left out for the same reason: it is the
previous page's full address, query string included.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
