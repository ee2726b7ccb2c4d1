"""A real running copy of the site, and real clients for it, for the end-to-end tests and
`make bench`: `LiveSite` (gunicorn, a task worker and a database of its own), `FormClient` (a
visitor filling in the forms over HTTP) and `MailServer` (aiosmtpd that keeps what it gets).

Not imported by the site itself."""

from livesite.forms import DEMO_SERVICE, FormClient, intake_answers
from livesite.mail import MailServer, unreachable_mailers
from livesite.site import ROOT, DatabaseTemplate, LiveSite, free_port, redis_url

__all__ = [
    "DEMO_SERVICE",
    "ROOT",
    "DatabaseTemplate",
    "FormClient",
    "LiveSite",
    "MailServer",
    "free_port",
    "intake_answers",
    "redis_url",
    "unreachable_mailers",
]
