"""Every page type of the demo site, by name: the list `make screenshots` and `make lighthouse`
go through, and that tests/test_page_list.py checks against the demo content.

Paths only (no imports of the site), so tools and tests can share them.
"""

# Public pages visitors reach with a GET, one of each type.
PUBLIC_PAGES = {
    "home": "/",
    "services index": "/services/",
    "service": "/services/individual-therapy-for-relationship-issues/",
    "team": "/team/",
    "clinician": "/team/anjali-mehta/",
    "blog index": "/blog/",
    "article": "/blog/healing-from-trust-issues/",
    "category": "/blog/category/managing-stress/",
    "tag": "/blog/tag/trust/",
    "search results": "/search/?q=therapy",
    "contact form": "/contact/",
    "consultation form": "/contact/intake/",
    "thank-you": "/contact/thanks/?sent=consultation",
    "standard page": "/fees-and-insurance/",
    "location": "/location/",
    "accessibility statement": "/accessibility/",
}

# Pages in the other languages: the demo publishes its translations (still awaiting a clinician's
# review; `load_demo_content --draft-translations` would leave them drafts).
TRANSLATED_PAGES = {
    "home, Korean": "/ko/",
    "home, Hindi": "/hi/",
    "services index, Korean": "/ko/services/",
    "service, Hindi": "/hi/services/cultural-identity-and-life-transitions/",
    "contact form, Korean": "/ko/contact/",
    "consultation form, Korean": "/ko/contact/intake/",
    "consultation form, Hindi": "/hi/contact/intake/",
}
DEMO_ARGS = ()

# The forms, whose error state (sent empty) is a page of its own.
FORMS = {"contact form": "/contact/", "consultation form": "/contact/intake/"}

# The site's own "not found" page.
NOT_FOUND = "/no-such-page/"

# The admin screens staff spend their day in; {enquiry} and {article} are primary keys.
ADMIN_SCREENS = {
    "admin dashboard": "/admin/",
    "admin enquiries": "/admin/enquiries/",
    "admin enquiry": "/admin/enquiries/inspect/{enquiry}/",
    "admin article editor": "/admin/pages/{article}/edit/",
}
ADMIN_ARTICLE_SLUG = "healing-from-trust-issues"


def file_stem(name):
    """'search results' -> 'search-results', for file names."""
    return "".join(char if char.isalnum() else "-" for char in name.lower()).strip("-")
