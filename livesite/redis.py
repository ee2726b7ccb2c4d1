"""A redis-server of a test's own on a free loopback port, to kill and restart at will.

Never the machine's shared Redis: fault tests stop this one (`kill()` is a SIGKILL, as a crash
or the OOM killer would) and start it again on the same port, empty, as a restarted Redis
without persistence comes back.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from livesite.site import free_port


class RedisServer:
    """redis-server on 127.0.0.1:`port` (a free one by default), without persistence.

    extra: more `--option value` arguments, e.g. ("--maxmemory", "2mb").
    """

    def __init__(self, *, port=None, extra=()):
        self.port = port or free_port()
        self.extra = list(extra)
        self.workdir = Path(tempfile.mkdtemp(prefix="practice-redis-"))
        self.process = None

    def url(self, database=0):
        return f"redis://127.0.0.1:{self.port}/{database}"

    @staticmethod
    def executable():
        """The redis-server to run, or None when it is not installed."""
        found = shutil.which("redis-server") or "/usr/bin/redis-server"
        return found if Path(found).exists() else None

    def start(self, timeout=10):
        server = self.executable()
        if server is None:
            raise RuntimeError("redis-server is missing: install Debian's redis-server")
        self.process = subprocess.Popen(
            [
                server,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                *self.extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("redis-server exited while starting")
            try:
                if self.command("PING") == "+PONG":
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer within {timeout} s")

    def kill(self):
        """SIGKILL: Redis is gone at once, with everything it held."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        self.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def command(self, *words, database=0):
        """One command's reply line (inline protocol), e.g. command("DBSIZE") -> ":12"."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(f"SELECT {database}\r\n{' '.join(words)}\r\n".encode())
            reply = b""
            while reply.count(b"\r\n") < 2:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
        return reply.split(b"\r\n")[1].decode()

    def dbsize(self, database=0):
        return int(self.command("DBSIZE", database=database).lstrip(":"))
