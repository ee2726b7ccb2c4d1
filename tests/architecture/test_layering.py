"""`practice` is the bottom layer of the apps: it names neither `blog` nor `contact`, in code or in its
templates (the import direction is tests/architecture/test_imports.py's).

Names are looked for where code refers to an app: imports, string literals without spaces in
Python (an app label, a URL name such as "contact:intake", a path such as "/blog/", a template
or tag library), and template tags (`{% load blog_tags %}`, `{% url 'contact:…' %}`). Prose
(docstrings, comments, help texts, page text) may mention the blog or a contact form.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPPER_APPS = ("blog", "contact")
# The demo is site content, typed as an editor would (menu links to /blog/ and /contact/).
NOT_PRACTICE = {"demo"}
APP_REFERENCE = re.compile(r"^(?:blog|contact)(?:$|[.:_])|/(?:blog|contact)/")
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.S)
TAG_REFERENCE = re.compile(r"\b(?:blog|contact)(?:_tags\b|:|/)|/(?:blog|contact)/")


def python_files(package, *, skip=frozenset()):
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT / package).parts
        if "migrations" not in parts and not skip.intersection(parts):
            yield path


def imported_apps(tree):
    """The top-level packages a module imports (absolute imports only: relative ones stay home)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def code_strings(tree):
    """String literals that are not docstrings and contain no whitespace (names, not prose)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if not re.search(r"\s", node.value):
                yield node.lineno, node.value


def parse(path):
    return ast.parse(path.read_text(), filename=str(path))


def test_practice_code_names_neither_blog_nor_contact():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for path in python_files("practice", skip=NOT_PRACTICE)
        for line, value in code_strings(parse(path))
        if APP_REFERENCE.search(value)
    ]
    assert found == []


def test_practice_templates_name_neither_blog_nor_contact():
    found = [
        f"{path.relative_to(ROOT)}: {tag}"
        for path in sorted((ROOT / "templates" / "practice").rglob("*.html"))
        for tag in TEMPLATE_TAG.findall(path.read_text())
        if TAG_REFERENCE.search(tag)
    ]
    assert found == []
