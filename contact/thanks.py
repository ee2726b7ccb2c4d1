"""The thank-you page's two answers: which way the visitor asked to be reached, and what they
might read while they wait.

The way to reach them travels in the redirect as a signed, short-lived value (`reply=`) made from
the submission: no name, address or number is ever in the address, no cookie is set (visitors
never get a session; see siteplatform/page_cache.py), and a stale, forged or missing value leaves
the page's wording neutral.
"""

from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from contact.models import Submission
from practice.models import LocationPage, ServicesIndexPage

SALT = "contact.thanks.reply"
MAX_AGE_SECONDS = 60 * 60
FEES_SLUG = "fees-and-insurance"
# The blog's article on a first session, read first when the site has it (contact does not import
# the blog: the article is found as a page by its address).
FIRST_SESSION_SLUG = "what-to-expect-in-your-first-therapy-session"


def thanks_url(kind, channel=""):
    """The thank-you page's address for a `kind` of form sent, remembering a valid `channel`."""
    query = {"sent": kind}
    if channel in Submission.Channel.values:
        query["reply"] = signing.dumps(channel, salt=SALT, compress=False)
    return f"{reverse('contact:thanks')}?{urlencode(query)}"


def reply_channel(value):
    """The channel a `reply=` value names, or "" when it is missing, stale or not ours."""
    try:
        channel = signing.loads(value or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return ""
    return channel if channel in Submission.Channel.values else ""


def while_you_wait(request):
    """(title, url, lang) of each page worth reading before the first call, when live: the article on a
    first session (else the services, each of which says what one is like), fees and insurance,
    and the office; `lang` names the language of a page shown in English to a Korean or Hindi
    visitor ("" when it is the visitor's)."""
    active, default = Locale.get_active(), Locale.get_default()

    def in_language(queryset):
        """The first live, public page of `queryset` in the active language, else in the default one."""
        pages = queryset.live().public().filter(locale__in={active.pk, default.pk}).order_by("path")[:4]
        pages = list(pages)
        return next((page for page in pages if page.locale_id == active.pk), pages[0] if pages else None)

    def link(page):
        lang = "" if page.locale_id == active.pk else default.language_code
        return (page.title, page.get_url(request), lang)

    links = []
    first_session = in_language(Page.objects.filter(slug=FIRST_SESSION_SLUG))
    if first_session:
        links.append(link(first_session))
    elif services := in_language(ServicesIndexPage.objects.all()):
        label = gettext("What to expect in a first session, service by service")
        links.append((label, services.get_url(request), ""))
    for page in (in_language(Page.objects.filter(slug=FEES_SLUG)), in_language(LocationPage.objects.all())):
        if page:
            links.append(link(page))
    return links
