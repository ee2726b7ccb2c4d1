"""The submission path for `make bench`: valid consultation requests from concurrent clients.

Each client fetches the form once (CSRF cookie and token, signed start time) and then posts
valid requests, one after another, measuring each post (a 302 to the thank-you page). No mail
is sent in the request: the notification is queued for the worker, which the bench does not run.

The bench server needs this environment (`SERVER_ENV`, picked up by bench/run.py): every client
posts from 127.0.0.1, so the per-address rate limit is lifted, and the minimum fill-in time is
zero, since a benchmark client does not pause like a person.
"""

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from livesite import FormClient, intake_answers

SERVER_ENV = {
    "CONTACT_RATE_LIMIT": "1000000",
    "CONTACT_MIN_FILL_SECONDS": "0",
}

PATH = "/contact/intake/"


def run(base_url, *, clients=16, requests=200):
    """Post `requests` valid consultation requests from `clients` threads; return latency
    percentiles (ms), throughput (posts per second) and the number of failed posts."""
    shares = [range(requests // clients + (1 if i < requests % clients else 0)) for i in range(clients)]

    def answers(index, n):
        return intake_answers(preferred_name=f"Bench client {index}-{n}")

    return post_concurrently(base_url, shares, answers)


def post_concurrently(base_url, shares, answers, *, hidden=None):
    """Posts the consultation request once for each item of each of `shares`, one thread (and one
    visitor: the form's cookie and hidden fields, unless `hidden` is given) per share, with the
    fields `answers(share's index, item)`; returns latency percentiles (ms), throughput and the
    number of posts not answered with a redirect."""

    def client_run(index):
        client = FormClient(base_url)
        fields = client.form_fields(PATH) if hidden is None else hidden
        timings, failures = [], 0
        for item in shares[index]:
            data = {**fields, **answers(index, item)}
            start = time.perf_counter()
            status, _, _ = client.post(PATH, data)
            timings.append((time.perf_counter() - start) * 1000)
            failures += status != 302
        return timings, failures

    started = time.perf_counter()
    with ThreadPoolExecutor(len(shares)) as pool:
        results = list(pool.map(client_run, range(len(shares))))
    elapsed = time.perf_counter() - started
    latencies = sorted(t for timings, _ in results for t in timings)
    return {
        "requests": len(latencies),
        "clients": len(shares),
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "max_ms": latencies[-1],
        "rps": len(latencies) / elapsed,
        "errors": sum(failures for _, failures in results),
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"), indent=2))
