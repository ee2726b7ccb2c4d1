"""The restore drill (issue 21's acceptance): a demo site with enquiries is backed up, restored
into a fresh database and media folder, and served again; every public page and every enquiry
as staff see it is the same as on the original. Follows DATABASE_URL (SQLite or PostgreSQL).

What legitimately differs, and is stripped before comparing: the site's own address (the two
sites run on different ports) and the per-response CSRF token values, the forms' signed start time, and
the time of the drill's own visit in each enquiry page's list of staff views.
"""

import difflib
import json
import re

import pytest

from livesite import FormClient, LiveSite
from livesite.pages import PUBLIC_PAGES, TRANSLATED_PAGES

pytestmark = pytest.mark.slow

STAFF, PASSWORD = "drill-staff", "drill-staff-password-0123"
VARYING = [
    # A masked CSRF token is new in every response.
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1…"),
    (re.compile(r'("CSRF_TOKEN":\s*")[^"]+'), r"\1…"),
    (re.compile(r'(data-csrf-token=")[^"]+'), r"\1…"),
    # The forms' signed start time (the spam check) is the time the form was served.
    (re.compile(r'(name="started" value=")[^"]+'), r"\1…"),
    # An enquiry page lists who viewed it and when: the drill's own visit, made on each site.
    (re.compile(rf"(<td>{STAFF}</td><td>)[^<]+"), r"\1…"),
]


def normalized(html, site):
    html = html.replace(site.url, "http://site").replace(site.url.removeprefix("http://"), "site")
    for pattern, replacement in VARYING:
        html = pattern.sub(replacement, html)
    return html


def public_pages(site):
    client = FormClient(site.url)
    pages = {}
    for path in [*PUBLIC_PAGES.values(), *TRANSLATED_PAGES.values()]:
        status, html = client.get(path)
        assert status == 200, f"{path} answered {status} on {site.url}"
        pages[path] = normalized(html, site)
    return pages


def enquiries_as_staff_see_them(site):
    """{admin path: page} of the enquiry inbox and every enquiry's own page."""
    staff = FormClient(site.url)
    _, login = staff.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    status, _, _ = staff.post(
        "/admin/login/", {"csrfmiddlewaretoken": token, "username": STAFF, "password": PASSWORD}
    )
    assert status == 302, "staff could not sign in"
    status, inbox = staff.get("/admin/enquiries/")
    assert status == 200
    paths = sorted(set(re.findall(r'href="(/admin/enquiries/inspect/\d+/)"', inbox)))
    pages = {"/admin/enquiries/": normalized(inbox, site)}
    for path in paths:
        status, html = staff.get(path)
        assert status == 200, path
        pages[path] = normalized(html, site)
    return pages


def media_files(site):
    """(name, size) of every file in the site's media folder (images and their renditions)."""
    folder = site.tmp / "media"
    return sorted(
        (str(path.relative_to(folder)), path.stat().st_size) for path in folder.rglob("*") if path.is_file()
    )


def differences(before, after):
    """The first differing line of each page that differs, for a readable failure."""
    found = {}
    for path in sorted(set(before) | set(after)):
        lines = difflib.unified_diff(
            before.get(path, "").splitlines(), after.get(path, "").splitlines(), lineterm="", n=0
        )
        changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        if changed:
            found[path] = changed[:4]
    return found


def test_a_restored_site_serves_the_same_pages_and_enquiries_as_the_original(tmp_path):
    original = LiveSite()
    restored = LiveSite(demo=False)
    try:
        # The demo every live test of the run shares (one database template), plus its enquiries.
        original.start()
        original.manage("load_demo_content", "--sample-enquiries")
        original.create_user(STAFF, PASSWORD, superuser=True)
        # Pages first: the images' renditions they make are media the backup then holds.
        pages = public_pages(original)
        archive = tmp_path / "site.backup"
        original.manage("backup", "--output", str(archive))
        enquiries = enquiries_as_staff_see_them(original)

        restored.create_database()
        restored.manage("restore", str(archive), "--noinput")
        restored.manage("migrate", "--noinput", "-v0")
        restored.start_server()

        assert media_files(restored) == media_files(original) != []
        assert len([path for path in enquiries if "/inspect/" in path]) == 6
        changed = differences(pages, public_pages(restored))
        assert not changed, json.dumps(changed, indent=1, ensure_ascii=False)
        changed = differences(enquiries, enquiries_as_staff_see_them(restored))
        assert not changed, json.dumps(changed, indent=1, ensure_ascii=False)
    finally:
        original.stop()
        restored.stop()
