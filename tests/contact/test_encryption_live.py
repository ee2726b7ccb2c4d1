"""A running site's database, as someone with a copy of it would read it: the SQLite file and its
write-ahead log, or a pg_dump on PostgreSQL, hold none of the words a visitor sent, while the site
reads them; and its keys rotate end to end: a new key in front, rotate, drop the old key, restart,
and every enquiry still reads, while a site missing a needed key refuses to start."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from livesite import FormClient, LiveSite, intake_answers
from livesite.site import ROOT
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
READ = (
    "from contact.models import ConsultationRequest\n"
    "request = ConsultationRequest.objects.latest('pk')\n"
    "print(request.preferred_name, '|', request.pronouns, '|', request.note)\n"
)
READ_BACK = "Brindlewick Oriane | she/her-lanternfish | The cardamom staircase keeps me up."


def database_bytes(site):
    """Everything the site's database holds on disk (SQLite: the file and its -wal), or a dump."""
    url = site.env["DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
        return subprocess.run([pg_dump, "--data-only", url], capture_output=True, check=True).stdout  # noqa: S603
    path = Path(url.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_a_running_sites_database_holds_none_of_the_words_and_its_keys_rotate():
    site = LiveSite(env={"CONTACT_MIN_FILL_SECONDS": "0"})
    old = site.env["DATA_KEYS"]
    try:
        site.start()
        client = FormClient(site.url)
        status, body, _ = client.post(
            "/contact/intake/", {**client.form_fields("/contact/intake/"), **intake_answers(**ANSWERS)}
        )
        assert status == 302, body[:500]

        stored = database_bytes(site)
        assert f"{fingerprint(old)}:gAAAAA".encode() in stored  # the request is in there…
        for word in WORDS:
            assert word.encode() not in stored  # …as ciphertext only
        assert READ_BACK in site.shell(READ)

        new = Fernet.generate_key().decode()
        site.stop_process("server")
        site.env["DATA_KEYS"] = f"{new},{old}"
        assert f"now under key {fingerprint(new)}" in site.manage("rotate_data_keys")
        assert "Done: 0 value(s) re-encrypted" in site.manage("rotate_data_keys")
        site.env["DATA_KEYS"] = new
        site.start_server()  # gunicorn imports siteplatform.wsgi, which checks the stored keys
        assert READ_BACK in site.shell(READ)

        site.stop_process("server")
        site.env["DATA_KEYS"] = old  # the one key the data now needs is gone
        refused = subprocess.run(  # noqa: S603 - what gunicorn does first
            [sys.executable, "-c", "import siteplatform.wsgi"],
            cwd=ROOT,
            env=site.env,
            capture_output=True,
            text=True,
        )
        assert refused.returncode != 0 and fingerprint(new) in refused.stderr
        with pytest.raises(RuntimeError, match=fingerprint(new)):
            site.manage("task_worker", "--batch", "--backend", "notifications")
    finally:
        site.stop()
