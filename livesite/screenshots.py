"""`make screenshots`: every public page type at 390 and 1440 px, full page, and the main admin
screens at 1440 px, from a fresh demo site, so anyone changing the look can see every page.

Starts the site as the end-to-end tests do (`LiveSite`: gunicorn on a free loopback port, its own
database with the demo content), sends one consultation request so the enquiry screens have one,
drives Debian's Chromium with Playwright, and prints the path of each PNG. Nothing is fetched from
another origin: such requests are blocked and reported.

    python -m livesite.screenshots [--out screenshots] [--only form]
"""

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from livesite.forms import FormClient, intake_answers
from livesite.pages import (
    ADMIN_ARTICLE_SLUG,
    ADMIN_SCREENS,
    DEMO_ARGS,
    FORMS,
    NOT_FOUND,
    PUBLIC_PAGES,
    TRANSLATED_PAGES,
    file_stem,
)
from livesite.site import ROOT, LiveSite

WIDTHS = (390, 1440)
ADMIN_WIDTH = 1440
ADMIN_USER, ADMIN_PASSWORD = "screenshots", "a-long-screenshots-only-password"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# The admin scrolls inside its own panes, which a full-page screenshot does not unroll: the
# viewport is made as tall as the tallest scrolling pane instead (up to MAX_HEIGHT).
SCROLL_HEIGHT = """() => Math.max(document.documentElement.scrollHeight, ...Array.from(
    document.querySelectorAll("*"), (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY) ? el.scrollHeight : 0))"""
MAX_HEIGHT = 8000
# Posted forms: every visitor here comes from 127.0.0.1 and fills in nothing slowly.
SITE_ENV = {"CONTACT_RATE_LIMIT": "1000000", "CONTACT_MIN_FILL_SECONDS": "0"}


def shots():
    """(name, path, widths, action) of every screenshot; action is None or "submit"."""
    for name, path in {**PUBLIC_PAGES, **TRANSLATED_PAGES}.items():
        yield name, path, WIDTHS, None
    for name, path in FORMS.items():
        yield f"{name} errors", path, WIDTHS, "submit"
    yield "not found", NOT_FOUND, WIDTHS, None
    for name, path in ADMIN_SCREENS.items():
        yield name, path, (ADMIN_WIDTH,), "admin"


def seed_admin(site):
    """A superuser to sign in with, one consultation request, and the ids the admin paths need."""
    site.create_user(ADMIN_USER, ADMIN_PASSWORD, superuser=True)
    visitor = FormClient(site.url)
    fields = visitor.form_fields(FORMS["consultation form"])
    status, _, _ = visitor.post(FORMS["consultation form"], {**fields, **intake_answers()})
    if status != 302:
        raise RuntimeError(f"the demo consultation request was not accepted ({status})")
    enquiry = site.query("SELECT id FROM contact_submission ORDER BY id DESC LIMIT 1")[0][0]
    article = site.query("SELECT id FROM wagtailcore_page WHERE slug = ?", (ADMIN_ARTICLE_SLUG,))[0][0]
    return {"enquiry": enquiry, "article": article}


def guard_origin(context, base_url, foreign):
    host = urlsplit(base_url).hostname

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == host:
            request_route.continue_()
        else:
            foreign.append(url)
            request_route.abort()

    context.route("**/*", route)


def sign_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")


# A full-page screenshot is taken at once, before lazy images below the first screen have been
# asked for and before the web font has loaded: the cards came out blank. Ask for every image,
# then wait for each to load (or fail) and for the fonts.
SETTLE = """async () => {
  for (const image of document.querySelectorAll("img[loading=lazy]")) image.loading = "eager";
  await Promise.all([...document.images].map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener("load", done, {once: true});
    image.addEventListener("error", done, {once: true});
  })));
  await document.fonts.ready;
}"""


def settle(tab):
    """Every image on the page loaded (or failed) and the fonts ready, as a visitor who scrolled sees it."""
    tab.evaluate(SETTLE)


def capture(browser, base_url, out, *, only="", ids=None):
    """Take every screenshot into `out`; yields each PNG's path as it is written."""
    foreign = []
    visitor = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    staff = browser.new_context(viewport={"width": ADMIN_WIDTH, "height": 900})
    for context in (visitor, staff):
        guard_origin(context, base_url, foreign)
    page, admin_page = visitor.new_page(), staff.new_page()
    signed_in = False
    for name, path, widths, action in shots():
        if only and only not in name:
            continue
        tab = page
        if action == "admin":
            if not signed_in:
                sign_in(admin_page, base_url)
                signed_in = True
            tab, path = admin_page, path.format(**(ids or {}))
        for width in widths:
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(base_url + path, wait_until="load")
            if action == "submit":
                tab.locator("form.contact-form button[type=submit]").click()
                tab.wait_for_load_state("load")
            settle(tab)
            target = out / f"{file_stem(name)}-{width}.png"
            if action == "admin":
                height = min(tab.evaluate(SCROLL_HEIGHT), MAX_HEIGHT)
                tab.set_viewport_size({"width": width, "height": height})
                tab.screenshot(path=str(target))
            else:
                tab.screenshot(path=str(target), full_page=True)
            yield target
    visitor.close()
    staff.close()
    if foreign:
        print(f"blocked requests to other origins: {sorted(set(foreign))}", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--only", default="", help="only screenshots whose name contains this")
    args = parser.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        sys.exit(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (or make test-deps).")
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print("Starting the demo site…", flush=True)
    with LiveSite(env=SITE_ENV, demo_args=DEMO_ARGS) as site:
        ids = seed_admin(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
            try:
                count = 0
                for target in capture(browser, site.url, out, only=args.only, ids=ids):
                    print(target, flush=True)
                    count += 1
            finally:
                browser.close()
    print(f"{count} screenshots in {out}/")


if __name__ == "__main__":
    main()
