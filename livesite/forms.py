"""Filling in the forms of a running site over plain HTTP, as a browser without JavaScript
would: fetch the page (CSRF cookie, token and signed start time), then post. Used by the
live-site tests and by `bench/contact_bench.py`."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

DEMO_SERVICE = "individual-therapy-for-relationship-issues"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormClient:
    """One visitor: its own cookies, no automatic redirects."""

    def __init__(self, base_url, *, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def get(self, path):
        """(status, body) of a GET."""
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path, data):
        """(status, body, location) of a form post."""
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url + path},
        )
        return self._open(request, with_location=True)

    def form_fields(self, path):
        """The hidden values a post needs: the CSRF token and the signed start time."""
        status, html = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        started = re.search(r'name="started" value="([^"]+)"', html).group(1)
        return {"csrfmiddlewaretoken": token, "started": started, "extra_info": ""}

    def _open(self, request, with_location=False):
        try:
            with self.opener.open(request, timeout=self.timeout) as response:  # noqa: S310 - local site
                result = (response.status, response.read().decode(), response.headers.get("Location", ""))
        except urllib.error.HTTPError as error:  # 3xx (redirects are not followed), 4xx, 5xx
            result = (error.code, error.read().decode(errors="replace"), error.headers.get("Location", ""))
        return result if with_location else result[:2]


def intake_answers(**overrides):
    """A valid consultation request for the demo site."""
    answers = {
        "preferred_name": "Live Private-Person",
        "pronouns": "she/her",
        "email": "",
        "phone": "201-555-0199",
        "preferred_channel": "phone",
        "best_times": ["evenings"],
        "consent_voicemail": "on",
        "client_type": "self",
        "location": "nj_in_person",
        "service": DEMO_SERVICE,
        "clinician": "",
        "session_format": "either",
        "payment": "self_pay",
        "heard_about": "search",
        "note": "LIVE-NOTE-MARKER evenings are best",
        "acknowledge_not_emergency": "on",
        "acknowledge_privacy": "on",
    }
    answers.update(overrides)
    return answers
