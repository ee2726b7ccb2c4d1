"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless, offline.

Browser tests are skipped only when Chromium is missing and REQUIRE_BROWSER is not
set; CI sets it, so a missing browser fails the run instead of hiding it.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

from tests.browser.translations import published_translations

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Playwright's sync API runs an event loop in this thread; these tests never touch
# the ORM in-process (the site runs in its own process), so Django's guard can relax.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required but missing at {CHROMIUM}; install Debian's 'chromium'.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context and page. Any request to another origin fails the test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    foreign = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert not foreign, f"requests left for other origins: {foreign}"


WORKERS_AXE_RUNS = pytest.StashKey[int]()


@pytest.fixture(scope="module")
def translated(live_site):
    """The shared live site (its Korean and Hindi pages published by the demo) with the demo
    article in Korean too, for one module's tests.

    Module-scoped on purpose: the live site is shared by every browser test on the xdist worker,
    and pytest tears this down before the worker runs a test of another module, so tests that
    expect no Korean blog never see it."""
    with published_translations(live_site) as site:
        yield site


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """The xdist controller adds up each worker's axe runs (sent in its workeroutput)."""
    stash = node.config.stash
    stash[WORKERS_AXE_RUNS] = stash.get(WORKERS_AXE_RUNS, 0) + node.workeroutput.get("axe_runs", 0)


def pytest_sessionfinish(session):
    """A worker hands its axe count to the controller."""
    from tests.browser import axe

    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["axe_runs"] = axe.runs


def pytest_terminal_summary(terminalreporter, config):
    """Prints how many times axe ran, so the cost of the accessibility checks stays visible."""
    from tests.browser import axe

    total = config.stash.get(WORKERS_AXE_RUNS, 0) + axe.runs
    terminalreporter.write_line(f"axe runs: {total}")
