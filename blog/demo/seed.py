"""The seed article, "Healing From Trust Issues in Personal Relationships", turned into
article blocks without changing a word.

The text lives in `healing-from-trust-issues.txt` next to this module, exactly as the
practice wrote it: the category on the first line, the title on the next non-empty
line, then the body, one paragraph per line. Five lines are section headings; lines
starting with an en dash are list items.
"""

from pathlib import Path

from django.utils.html import escape

SEED_FILE = Path(__file__).with_name("healing-from-trust-issues.txt")
SLUG = "healing-from-trust-issues"
SERVICE_SLUG = "individual-therapy-for-relationship-issues"
HEADINGS = (
    "Understanding Trust Issues",
    "The Impact on 1st and 2nd Generation Women of Color",
    "Healing Through Individual Therapy",
    "Building Healthy Relationship Patterns",
    "Embrace Healing and Self-Discovery",
)
LIST_MARK = "– "
SERVICE_PHRASE = "individual therapy for relationship issues"
CONTACT_PHRASE = "Reach out now"
SUMMARY = (
    "Trust issues make sense once you understand where they come from. How they show up for first- "
    "and second-generation women of color, and how individual therapy helps you rebuild trust in "
    "others and in yourself."
)
TAGS = ["trust", "relationships", "first generation", "boundaries"]


def read_seed(path=SEED_FILE):
    """(category name, title, paragraphs) of the seed file; paragraphs keep list marks."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    category = lines[0]
    rest = [line for line in lines[1:] if line]
    title, paragraphs = rest[0], rest[1:]
    return category[:1].upper() + category[1:], title, paragraphs


def _inline(text, *, service_page_id, intake_url):
    html = escape(text)
    if service_page_id:
        html = html.replace(SERVICE_PHRASE, f'<a linktype="page" id="{service_page_id}">{SERVICE_PHRASE}</a>')
    return html.replace(CONTACT_PHRASE, f'<a href="{escape(intake_url)}">{CONTACT_PHRASE}</a>')


def seed_body(paragraphs, *, service_page_id, intake_url):
    """StreamField data: the whole text as one rich text block (one lookup resolves all its page
    links), headings as h2, each run of dash lines as a <ul>, the service phrase linked to the
    service page and "Reach out now" linked to the consultation request."""
    parts = []
    items = []

    def close_list():
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for paragraph in paragraphs:
        inline = _inline(
            paragraph.removeprefix(LIST_MARK), service_page_id=service_page_id, intake_url=intake_url
        )
        if paragraph.startswith(LIST_MARK):
            items.append(inline)
            continue
        close_list()
        if paragraph in HEADINGS:
            parts.append(f"<h2>{inline}</h2>")
        else:
            parts.append(f"<p>{inline}</p>")
    close_list()
    return [("paragraph", "".join(parts))]
