"""Where a long article invites its reader to reach out, part way through the text.

An editor places the invitation with the body's "Invitation to reach out" block, or turns the
automatic one off on the article. When neither is done, an article of at least
LONG_ARTICLE_MINUTES with at least SECTION_BEFORE sections gets it just before its
SECTION_BEFORE-th section heading (h2): after the second section, where readers who are still
reading are the ones it may help.
"""

import re

from django.utils.safestring import mark_safe

LONG_ARTICLE_MINUTES = 4
SECTION_BEFORE = 3
PLACED_BLOCK = "reach_out"
SECTION_HEADING = re.compile(r"(?=<h2[\s>])")


class BodyPart:
    """One piece of an article body to render: a block as it is, a run of rich text cut at a
    section heading, or the automatic invitation."""

    def __init__(self, *, block=None, html=None, invitation=False):
        self.block, self.html, self.invitation = block, html, invitation


def wants_automatic_invitation(page):
    """True when the article is long, the editor has not turned the invitation off and has not
    placed it in the body."""
    if not page.invite_mid_article or page.reading_time < LONG_ARTICLE_MINUTES:
        return False
    return all(block.block_type != PLACED_BLOCK for block in page.body)


def body_parts(page):
    """The article body as BodyParts, with the automatic invitation inserted where it belongs."""
    if not wants_automatic_invitation(page):
        return [BodyPart(block=block) for block in page.body]
    rendered = [(block, str(block.value)) for block in page.body]
    headings = sum(
        len(SECTION_HEADING.findall(html)) for block, html in rendered if block.block_type == "paragraph"
    )
    if headings < SECTION_BEFORE:
        return [BodyPart(block=block) for block, html in rendered]
    parts, seen = [], 0
    for block, html in rendered:
        if block.block_type != "paragraph":
            parts.append(BodyPart(block=block))
            continue
        chunks = [chunk for chunk in SECTION_HEADING.split(html) if chunk]
        for chunk in chunks:
            if chunk.startswith("<h2"):
                seen += 1
                if seen == SECTION_BEFORE:
                    parts.append(BodyPart(invitation=True))
            parts.append(BodyPart(html=mark_safe(chunk)))  # noqa: S308 - the rich text's own rendering
    return parts
