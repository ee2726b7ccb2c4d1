"""A PostgreSQL server of a test's own, on a free loopback port, that the test may stop and start
again (a database outage) without touching the machine's shared server.

Debian's PostgreSQL binaries make it: `initdb` into a temporary folder, then `pg_ctl`. PostgreSQL
refuses to run as root, so when the tests run as root the server runs as the `postgres` system
user, which then owns the folder. `close()` stops the server and removes the folder.

    with PostgresServer() as server:
        os.environ["DATABASE_URL"] = server.url  # e.g. for a LiveSite made on it
        server.stop()   # the outage: clients get "connection refused"
        server.start()  # back, same data and port
"""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from livesite.site import free_port

BINARIES = Path(os.environ.get("POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
SYSTEM_USER = "postgres"


def available():
    """Whether this machine can start a server of its own (the binaries are installed)."""
    return (BINARIES / "initdb").exists() and (BINARIES / "pg_ctl").exists()


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, serving 127.0.0.1:`port` with trust
    authentication for the `postgres` role. `url` names its `postgres` database."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="practice-pg-"))
        self.data = self.tmp / "data"
        self.log = self.tmp / "server.log"
        self.port = free_port()
        self.running = False
        self._as_user = []
        if os.geteuid() == 0:
            # initdb and postgres refuse root; the cluster belongs to the postgres user instead.
            account = pwd.getpwnam(SYSTEM_USER)
            os.chown(self.tmp, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", SYSTEM_USER, "--"]

    @property
    def url(self):
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command, timeout=120):
        result = subprocess.run(
            [*self._as_user, *command], capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}\n{self.server_log()}"
            )
        return result.stdout

    def server_log(self):
        with contextlib.suppress(OSError):
            return self.log.read_text()
        return ""

    def start(self):
        """Creates the cluster on first use, then starts the server and waits until it accepts
        connections. Returns self."""
        if not self.data.exists():
            # Throwaway data: no fsync, C locale (no locale packages needed).
            self._run(
                BINARIES / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync",
            )  # fmt: skip
        options = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            BINARIES / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start"
        )
        self.running = True
        return self

    def stop(self, mode="fast"):
        """Stops the server, as an outage would: "fast" ends every open session at once (their
        next query fails), "immediate" is a crash without a clean shutdown."""
        if self.running:
            self._run(BINARIES / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop")
            self.running = False

    def close(self):
        """Stops the server (if running) and removes its folder; safe to call twice."""
        try:
            self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
