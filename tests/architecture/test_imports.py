"""The shape of the code: no import circle, no project import hidden in a function to dodge one,
and the platform below every app.

Read from the source (ast), as Python would import it: importing `a.b.c` first imports the
packages `a` and `a.b`, so an edge to a module is also an edge to its packages, except for a
module inside that package (its package is already importing when the module runs).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("siteplatform", "practice", "blog", "contact", "booking", "accounts", "readership")
# Where Django expects imports inside functions: AppConfig.ready() and the apps' signal wiring
# run once the app registry is ready, which is the documented place for them.
READY_MODULES = frozenset(
    {
        "siteplatform.apps",
        "practice.apps",
        "blog.apps",
        "contact.apps",
        "booking.apps",
        "accounts.apps",
        "readership.apps",
    }
)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def resolve(name, modules):
    """The project module `name` names, or its longest project prefix (`from a.b import C`)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module, path, *, top_level_only):
    """The project modules `module` imports (at module level when `top_level_only`)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            resolved = resolve(target, MODULES)
            if resolved and resolved != module:
                found.add(resolved)
    return found


def with_packages(module, target):
    """`target` and the packages Python imports before it, less those `module` is inside."""
    parts = target.split(".")
    names = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return {name for name in names if name in MODULES and not module.startswith(name + ".")}


def import_graph():
    graph = {}
    for module, path in MODULES.items():
        edges = set()
        for target in imports_of(module, path, top_level_only=True):
            edges |= with_packages(module, target)
        graph[module] = edges - {module}
    return graph


def find_cycle(graph):
    """One import circle as a list of modules, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_no_import_circle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


@pytest.mark.parametrize("module", sorted(set(MODULES) - READY_MODULES))
def test_no_project_import_inside_a_function(module):
    everywhere = imports_of(module, MODULES[module], top_level_only=False)
    top_level = imports_of(module, MODULES[module], top_level_only=True)
    assert everywhere <= top_level, f"{module} imports {sorted(everywhere - top_level)} inside a function"


def test_the_platform_imports_no_app_and_the_apps_keep_their_layers():
    """siteplatform sits below every app; practice imports neither blog nor contact; blog and
    contact do not import each other; none imports readership. The root URLconf composes the apps and is the exception."""
    allowed = {
        "siteplatform": {"siteplatform"},
        "practice": {"practice", "siteplatform"},
        "blog": {"blog", "practice", "siteplatform"},
        "contact": {"contact", "booking", "practice", "siteplatform"},
        # Below contact: the consultation form offers its times; a booking names its enquiry
        # by the model's label only.
        "booking": {"booking", "practice", "siteplatform"},
        "accounts": {"accounts", "siteplatform"},
        # Readership counts what the other apps tell it (signals), above them all.
        "readership": {"readership", "contact", "practice", "siteplatform"},
    }
    wrong = []
    for module, path in MODULES.items():
        if module == "siteplatform.urls":
            continue
        app = module.split(".")[0]
        for target in imports_of(module, path, top_level_only=False):
            if target.split(".")[0] not in allowed[app]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []
