"""Reading time of an article, counted from the words of its body."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 220
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def words_in_body(body):
    """The visible words of a StreamField body: text, quotes, captions and invitations."""
    parts = []
    for block in body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(strip_tags(value.source.replace("><", "> <")))
        elif block.block_type == "pull_quote":
            parts += [value.get("quote", ""), value.get("attribution", "")]
        elif block.block_type == "image":
            parts.append(value.get("caption", ""))
        elif block.block_type == "call_to_action":
            parts += [value.get("heading", ""), value.get("text", "")]
    return len(_WORD.findall(" ".join(parts)))


def reading_minutes(body, words_per_minute=WORDS_PER_MINUTE):
    """Whole minutes, rounded up, and never less than one."""
    return max(1, math.ceil(words_in_body(body) / words_per_minute))
