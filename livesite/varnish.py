"""Debian's varnishd with the shipped configuration (deploy/varnish/default.vcl) in front of a
running site, on a free loopback port: for the proxy tests and `make bench`."""

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from livesite.site import ROOT, free_port

VCL = ROOT / "deploy" / "varnish" / "default.vcl"


class Varnish:
    """varnishd in the foreground on `port` (a free one by default), in front of `backend_port`."""

    def __init__(self, *, backend_port, port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="practice-varnish-"))
        self.workdir.chmod(0o755)  # varnishd drops to its own user, which must read the VCL
        vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
        if f'.port = "{backend_port}";' not in vcl:
            raise RuntimeError("the shipped VCL's backend port line has changed")
        (self.workdir / "default.vcl").write_text(vcl)
        self.process = None

    @staticmethod
    def executable():
        """The varnishd to run, or None when Debian's varnish is not installed."""
        found = shutil.which("varnishd") or "/usr/sbin/varnishd"
        return found if Path(found).exists() else None

    def start(self, timeout=30):
        varnishd = self.executable()
        if varnishd is None:
            raise RuntimeError("varnishd is missing: `make test` installs Debian's varnish")
        self.process = subprocess.Popen(
            [
                varnishd,
                "-F",
                "-n",
                str(self.workdir / "n"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.workdir / "default.vcl"),
                "-s",
                "malloc,64m",
                "-T",
                "none",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("varnishd exited while starting") from None
                time.sleep(0.2)
        raise RuntimeError(f"varnishd did not answer within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)
