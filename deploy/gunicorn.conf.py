"""gunicorn settings shared by `make serve`, the live test sites and production (`-c deploy/gunicorn.conf.py`).

Access log lines name the path without its query string (`%(U)s`, not `%(r)s`): the clinician
finder's and search's query strings say what a visitor is looking for ("?language=korean",
"?q=anxiety") and must not be kept. The referrer is left out for the same reason: it is the
previous page's full address, query string included. Requests to the forms (`/contact/…` in every
language, the form and its post) are logged without the client's address: the line of a post is
the moment an enquiry arrived, and with the address it would say who sent it. So is the
readership beacon (`/readership/…`): with the address, its lines would say who read the site
when. No line carries a user agent.

gunicorn interprets no forwarding header itself. Whether X-Forwarded-Proto is believed is Django's
decision alone (`SECURE_PROXY_SSL_HEADER`, set only when `TRUSTED_PROXY_COUNT` says a proxy in
front overwrites it); gunicorn's default would believe it from any loopback peer, which is
anything on the same machine, or a proxy that merely passes the client's header on.
"""

import re

from gunicorn.glogging import Logger

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'

forwarded_allow_ips = ""
secure_scheme_headers = {}  # also for unix-socket peers, which forwarded_allow_ips does not cover

# The forms under any language prefix (/contact/, /ko/contact/intake/), as the VCL passes them.
FORM_PATH = re.compile(r"^/([a-z]{2,3}(-[a-z0-9]+)?/)?contact(/|$)")
# Requests logged without the client's address: the forms, and the readership beacon.
ANONYMOUS_PATH = re.compile(rf"{FORM_PATH.pattern}|^/readership(/|$)")
# Every atom that holds the client's address, for a custom access_log_format too.
ADDRESS_ATOMS = ("h", "{remote_addr}e", "{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i")
# The one list of addresses that carry a secret token (group "token"), matched anywhere in a
# path, a request line or a header, so a language prefix (/ko/contact/call/…) is covered too.
TOKEN_PATHS = (
    re.compile(r"/contact/call/(?P<token>[^/?#\s\"]+)"),
    re.compile(r"/calendar/(?P<token>[^/?#\s\".]+)"),  # /calendar/<token>.ics: tokens hold no dot
)
ELLIPSIS = "..."  # what the log shows in a token's place


def without_tokens(text):
    """`text` with every token of TOKEN_PATHS replaced by ELLIPSIS."""
    for pattern in TOKEN_PATHS:
        text = pattern.sub(lambda match: match.group(0).replace(match.group("token"), ELLIPSIS), text)
    return text


class AccessLogger(Logger):
    """gunicorn's logger, with "-" for the client's address on every request to the forms and
    the readership beacon, and no token of a token-bearing address in any atom (the path, the
    request line, the raw URI, a header), whatever access_log_format names."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if ANONYMOUS_PATH.match(environ.get("PATH_INFO") or ""):
            atoms.update(dict.fromkeys(ADDRESS_ATOMS, "-"))
        if any(
            pattern.search(environ.get(key) or "")
            for pattern in TOKEN_PATHS
            for key in ("RAW_URI", "PATH_INFO", "HTTP_REFERER")
        ):
            atoms = {
                key: without_tokens(value) if isinstance(value, str) else value
                for key, value in atoms.items()
            }
        return atoms


logger_class = AccessLogger
