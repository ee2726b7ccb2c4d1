"""The site's copy reads as one voice (issue 20): US English spelling and curly apostrophes.

Read from the sources, not rendered: every template, the English text of the demo content
(practice and blog) and the msgids of the translation catalogs. Docstrings and comments are code,
not copy; a template's visible text leaves out its tags, attributes and variables.
"""

import ast
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt"))
DEMO_MODULES = sorted((ROOT / "practice" / "demo").glob("*.py")) + sorted(
    (ROOT / "blog" / "demo").glob("*.py")
)
DEMO_TEXTS = sorted((ROOT / "blog" / "demo").glob("*.txt"))
CATALOGS = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))

# British spellings and words, each with the US form the site uses instead.
BRITISH = {
    r"\blicence": "license",
    r"\bcolour": "color",
    r"\bfavour": "favor",
    r"\bbehaviour": "behavior",
    r"\bcentre": "center",
    r"\borganis": "organiz",
    r"\brecognis": "recogniz",
    r"\bpractis(?:ing|ed|es)\b": "practic-",
    r"\bstep-free\b": "wheelchair-accessible, no steps",
    r"\bwhilst\b": "while",
    r"\bmetres?\b|\bcentimetres?\b": "meters, centimeters (after feet and inches)",
    r"\b(?:the|a|by|take the|next to the) lifts?\b|\blifts (?:go|run|serve)\b": "elevator",
    r"\d\s?(?:cm|mm|m|km|meters?|centimeters?)\s*\(\s*\d": "feet and inches first",
    r"\bmaterialis": "materializ",
    r"\b(?:un)?tick(?:ed|s|ing)?\b": "check (a box)",
}


def template_comments_removed(source):
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    return re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", " ", source, flags=re.S)


def template_visible_text(source):
    """The words a template shows: its translated strings and the text between its tags."""
    source = template_comments_removed(source)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S | re.I)
    source = re.sub(r"<!--.*?-->", " ", source, flags=re.S)
    quoted = re.findall(r"\{%\s*(?:translate|trans)\s+(?:\"([^\"]*)\"|'([^']*)')", source)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    source = re.sub(r"<[^>]*>", " ", source, flags=re.S)
    return "\n".join([source, *("".join(pair) for pair in quoted)])


def demo_strings(path):
    """The string literals of a demo module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def demo_copy():
    """(where, text) of every English demo string (words, not slugs or field names)."""
    for path in DEMO_MODULES:
        for text in demo_strings(path):
            if " " in text:
                yield path.relative_to(ROOT), text
    for path in DEMO_TEXTS:
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8")


def msgids():
    for path in CATALOGS:
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                if text:
                    yield path.relative_to(ROOT), text


def all_copy():
    for path in TEMPLATES:
        yield path.relative_to(ROOT), template_comments_removed(path.read_text(encoding="utf-8"))
    yield from demo_copy()
    yield from msgids()


def british_hits(texts):
    hits = []
    for where, text in texts:
        for pattern, us in BRITISH.items():
            for match in re.finditer(pattern, text, flags=re.I):
                hits.append(f"{where}: {match.group(0)!r} (US: {us})")
    return hits


def test_copy_is_in_us_english():
    assert british_hits(all_copy()) == []


@pytest.mark.parametrize(
    "text",
    ["Licence", "the lift to the 21st floor", "Step-free access", "90 cm (36 inches)", "whilst", "organised"],
)
def test_the_check_catches_british_spelling(text):
    assert british_hits([("example", text)])


@pytest.mark.parametrize("text", ["License", "licensed in New Jersey", "Lift the pause", "36 inches (90 cm)"])
def test_the_check_passes_us_spelling(text):
    assert british_hits([("example", text)]) == []


STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")


def straight_apostrophes(texts):
    hits = []
    for where, text in texts:
        for line in text.splitlines():
            if STRAIGHT_APOSTROPHE.search(line):
                hits.append(f"{where}: {line.strip()[:120]}")
    return hits


def visible_copy():
    for path in TEMPLATES:
        yield path.relative_to(ROOT), template_visible_text(path.read_text(encoding="utf-8"))
    for where, text in [*demo_copy(), *msgids()]:
        yield where, re.sub(r"<[^>]*>", " ", text)


def test_visible_copy_uses_curly_apostrophes():
    assert straight_apostrophes(visible_copy()) == []


def test_visible_text_leaves_out_code_attributes_and_addresses():
    source = (
        "{% load i18n %}<a href=\"{% url 'home' %}\" class='x'>{% translate 'Home' %}</a>"
        "{# the practice's #}{{ page|default:'a' }}<script>let a = 'b';</script>"
    )
    assert straight_apostrophes([("example", template_visible_text(source))]) == []
    assert straight_apostrophes([("example", template_visible_text("<p>We don't</p>"))])
    assert straight_apostrophes([("example", template_visible_text('{% translate "We don\'t" %}'))])
