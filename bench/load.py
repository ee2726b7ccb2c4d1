"""Load generators for `make bench`: wrk when installed (C, so the client does not eat the
server's CPU), else Python threads. Both return (req/s, p50 ms, p95 ms, errors, requests)."""

import os
import statistics
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")


def wrk(url, seconds, connections, env=None):
    """wrk with bench/wrk.lua, which prints one parseable RESULT line (and can post a form)."""
    fields = wrk_fields(url, seconds, connections, env)
    return fields["rps"], fields["p50"], fields["p95"], int(fields["errors"]), int(fields["requests"])


def wrk_fields(url, seconds, connections, env=None):
    """Every figure of wrk's RESULT line by name (rps, p50, p95, p99, max in ms, errors, requests)."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "-s", str(WRK_SCRIPT), url],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return {name: float(value) for name, value in (item.split("=") for item in line.split()[1:])}


def hammer(url, seconds, clients, *, data=None, headers=None):
    """Request `url` from `clients` threads for `seconds` (a POST of `data` when given)."""
    deadline = time.monotonic() + seconds
    errors = []

    def loop():
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                request = urllib.request.Request(url, data=data, headers=headers or {})
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
                    response.read()
            except Exception as error:  # noqa: BLE001
                errors.append(repr(error))
            mine.append((time.perf_counter() - start) * 1000)
        return mine

    started = time.monotonic()
    latencies = []
    with ThreadPoolExecutor(clients) as pool:
        for result in pool.map(lambda _: loop(), range(clients)):
            latencies.extend(result)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0]
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    return len(latencies) / elapsed, statistics.median(ordered), p95, len(errors), len(latencies)
