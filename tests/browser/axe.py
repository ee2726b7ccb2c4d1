"""axe-core checks for the browser tests: WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices
(unique landmarks, headings in order, all content in landmarks, ...)."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RULE_TAGS = [*WCAG_TAGS, "best-practice"]
_axe = Axe()
# How many times axe ran in this process; the browser conftest reports the run's total.
runs = 0


def axe_violations(page):
    global runs
    runs += 1
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": RULE_TAGS}})
    return results.response["violations"]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in violations
    )
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{report}"
