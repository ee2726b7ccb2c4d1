"""`make lighthouse`: Lighthouse (mobile) on every public page type of the demo site in production
mode, and a table of the four category scores and the bytes on the wire of each page.

The site runs as `make serve` runs it (DEBUG off, gunicorn, collectstatic and WhiteNoise's
compressed, hashed static files, SITE_URL and the Site record pointing at itself) on a free
loopback port with a fresh demo database. Lighthouse is the version pinned in
tools/lighthouse/package.json (`npm ci` there, which the Makefile target runs), driving Debian's
Chromium. Each page's JSON report is kept in lighthouse-results/ (git-ignored); below the table,
every audit that cost a point is listed by page.

    python -m livesite.lighthouse [--only form] [--out lighthouse-results]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from livesite.pages import DEMO_ARGS, PUBLIC_PAGES, TRANSLATED_PAGES, file_stem
from livesite.site import ROOT, LiveSite

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def production_site():
    """A LiveSite in production mode, like `make serve` (not the test settings)."""
    return LiveSite(
        env={
            "DJANGO_SETTINGS_MODULE": "siteplatform.settings",
            "DEBUG": "False",
            "SECRET_KEY": "lighthouse-only-secret-key-not-for-production-0123456789abcdefghij",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "STATIC_ROOT": tempfile.mkdtemp(prefix="practice-lighthouse-static-"),
            "LOG_LEVEL": "WARNING",
        },
        collectstatic=True,
        demo_args=DEMO_ARGS,
    )


def start(site):
    """Build the site and serve it, with SITE_URL (canonical links, sitemap) its own address."""
    site.env["SITE_URL"] = site.url
    site.manage("collectstatic", "--noinput", "-v0")
    site.build()
    site.manage("sync_site_url")
    site.start_server()


def audit(url, report_path, attempts=3):
    """Run Lighthouse on `url`, writing its JSON report to `report_path`; returns the report.

    Lighthouse now and then loses the trace of a load on a busy machine (NO_NAVSTART, a
    runtimeError in the report): such a run is repeated, up to `attempts` times in all."""
    for attempt in range(1, attempts + 1):
        report = run_lighthouse(url, report_path)
        if report is not None and not report.get("runtimeError"):
            return report
        print(f"    (lighthouse lost the page load, attempt {attempt} of {attempts})", flush=True)
    raise RuntimeError(f"lighthouse failed {attempts} times on {url}")


def run_lighthouse(url, report_path):
    """One Lighthouse run; its report, or None when it wrote none."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    report_path.unlink(missing_ok=True)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not report_path.exists():
        print(result.stderr[-1000:], file=sys.stderr)
        return None
    return json.loads(report_path.read_text())


def summary(report):
    """(scores by category as 0-100 or None, bytes on the wire, audits that cost points)."""
    scores = {}
    lost = []
    for key in CATEGORIES:
        category = report["categories"].get(key, {})
        score = category.get("score")
        scores[key] = None if score is None else round(score * 100)
        for ref in category.get("auditRefs", []):
            result = report["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and result.get("score") is not None and result["score"] < 1:
                lost.append(f"{key}: {ref['id']} ({result.get('displayValue') or result['score']})")
    total = report["audits"].get("total-byte-weight", {}).get("numericValue")
    return scores, int(total) if total is not None else None, lost


def table(rows):
    """The results as a Markdown table: page, the four scores, bytes on the wire."""
    lines = [
        "| page | performance | accessibility | best practices | SEO | bytes on the wire |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path, scores, total in rows:
        cells = ["–" if scores[key] is None else str(scores[key]) for key in CATEGORIES]
        size = "–" if total is None else f"{total:,}"
        lines.append(f"| {name} `{path}` | " + " | ".join(cells) + f" | {size} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "lighthouse-results"), help="folder for the JSON reports")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(
            f"Lighthouse is not installed at {LIGHTHOUSE}: run `make lighthouse` (npm ci in tools/lighthouse)."
        )
    if not os.path.exists(CHROMIUM):
        sys.exit(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (or make test-deps).")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = {name: path for name, path in {**PUBLIC_PAGES, **TRANSLATED_PAGES}.items() if args.only in name}
    site = production_site()
    rows, losses = [], []
    print("Starting the demo site in production mode…", flush=True)
    try:
        start(site)
        for name, path in pages.items():
            print(f"  {name}: {path}", flush=True)
            try:
                report = audit(site.url + path, out / f"{file_stem(name)}.json")
            except RuntimeError as error:
                rows.append((name, path, dict.fromkeys(CATEGORIES), None))
                losses.append(f"{name}: {error}")
                continue
            scores, total, lost = summary(report)
            rows.append((name, path, scores, total))
            losses += [f"{name}: {item}" for item in lost]
    finally:
        site.stop()
    print()
    print(table(rows))
    if losses:
        print("\nAudits that cost points:")
        print("\n".join(f"  {line}" for line in losses))
    print(f"\nReports: {out}/")


if __name__ == "__main__":
    main()
