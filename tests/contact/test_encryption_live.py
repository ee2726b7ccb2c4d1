"""A running site's database, as an attacker with a copy of it would read it: the SQLite file and
its write-ahead log, or a pg_dump on PostgreSQL, hold none of the words a visitor sent, while the
site itself still reads them."""

import shutil
import subprocess
from pathlib import Path

import pytest

from livesite import FormClient, LiveSite, intake_answers
from livesite.site import LOCAL_DATA_KEY
from siteplatform.data_keys import fingerprint

pytestmark = pytest.mark.slow

ANSWERS = {
    "preferred_name": "Brindlewick Oriane",
    "pronouns": "she/her-lanternfish",
    "email": "oriane.brindlewick@example.com",
    "consent_email": "on",
    "note": "The cardamom staircase keeps me up.",
}
WORDS = ("Brindlewick", "Oriane", "lanternfish", "cardamom staircase")


def database_bytes(site):
    """Everything the site's database holds on disk (SQLite: the file and its -wal), or a dump."""
    url = site.env["DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
        return subprocess.run([pg_dump, "--data-only", url], capture_output=True, check=True).stdout  # noqa: S603
    path = Path(url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_a_running_sites_database_holds_none_of_the_words_yet_the_site_reads_them():
    site = LiveSite(env={"CONTACT_MIN_FILL_SECONDS": "0", "DATA_KEYS": LOCAL_DATA_KEY})
    try:
        site.start()
        client = FormClient(site.url)
        status, body, _ = client.post(
            "/contact/intake/", {**client.form_fields("/contact/intake/"), **intake_answers(**ANSWERS)}
        )
        assert status == 302, body[:500]

        stored = database_bytes(site)
        assert f"{fingerprint(LOCAL_DATA_KEY)}:gAAAAA".encode() in stored  # the request is in there…
        for word in WORDS:
            assert word.encode() not in stored  # …as ciphertext only

        read = site.shell(
            "from contact.models import ConsultationRequest\n"
            "request = ConsultationRequest.objects.latest('pk')\n"
            "print(request.preferred_name, '|', request.pronouns, '|', request.note)\n"
        )
        assert "Brindlewick Oriane | she/her-lanternfish | The cardamom staircase keeps me up." in read
    finally:
        site.stop()
