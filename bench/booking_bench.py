"""`make bench-booking`: what the free call's booking costs (issue 22).

1. In process, as `make bench-render` measures pages: the consultation request with three weeks of
   free times of 5 hosts (weekdays 9:00 to 17:00, 15-minute calls), and its queries with 1 host
   and with 5, which must be the same.
2. Over HTTP, as `make bench` measures the forms: booking posts (a request with a chosen time)
   from 16 concurrent clients against gunicorn on SQLite, each post a time still free.

    .venv/bin/python bench/booking_bench.py                 # both
    .venv/bin/python bench/booking_bench.py --keep /tmp/booking-db --skip-posts
    .venv/bin/python bench/booking_bench.py --floor         # and the floor (bench/bare_redirect.py)
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = 5
FORM = "/contact/intake/"
TIME_VALUE = re.compile(r'name="consultation_time"[^>]*value="(\d{8}T\d{4}Z)"')


def ensure_hosts(count):
    """Exactly `count` hosts offer times: staff members taking 15-minute calls on weekdays from
    9:00 to 17:00 for three weeks (the demo's own hosts are set inactive). Returns their ids."""
    from django.contrib.auth import get_user_model

    from booking.models import ConsultationHost, WeeklyWindow

    ConsultationHost.objects.update(active=False)
    ids = []
    for n in range(count):
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench-host-{n}", defaults={"is_staff": True}
        )
        host, created = ConsultationHost.objects.update_or_create(
            user=user, defaults={"active": True, "horizon_days": 21, "minimum_notice_hours": 24}
        )
        if created:
            for weekday in range(5):
                WeeklyWindow.objects.create(
                    host=host, weekday=weekday, starts_at=clock_time(9), ends_at=clock_time(17)
                )
        ids.append(host.pk)
    return ids


def offered_count():
    from booking.services import free_times

    return len(free_times())


def in_process(folder, rounds):
    """(p50, p95, CPU median) ms of rendering the form with 5 hosts' times, and its queries with 1
    host and with 5."""
    from bench.render import configure, measure, prepare

    configure(folder)
    import django

    django.setup()
    from django.test import Client

    from booking.models import ConsultationHost

    prepare(folder, 0)
    client = Client()
    ids = ensure_hosts(HOSTS)
    ConsultationHost.objects.filter(pk__in=ids[1:]).update(active=False)
    *_, queries_one = measure(client, FORM, 3)
    ConsultationHost.objects.filter(pk__in=ids).update(active=True)
    median, p95, _fastest, cpu, queries_five = measure(client, FORM, rounds)
    return {
        "times offered": offered_count(),
        "p50 ms": median,
        "p95 ms": p95,
        "CPU ms": cpu,
        "queries, 1 host": queries_one,
        "queries, 5 hosts": queries_five,
    }


def booking_posts(*, clients=16, posts=160):
    """Booking posts from `clients` threads against the site in production mode (bench/run.py):
    latency and errors."""
    from bench.run import production_site
    from livesite import FormClient

    site = production_site(articles=0)
    site.start()
    try:
        site.shell(f"from bench.booking_bench import ensure_hosts\nensure_hosts({HOSTS})")
        html = FormClient(site.url).get(FORM + "?more=days")[1]
        # Each time can be booked once per host: "anyone" books the first host free then.
        times = [value for value in TIME_VALUE.findall(html) for _ in range(HOSTS)][:posts]
        figures = posts_from_clients(site.url, times, clients=clients)
        figures["booked"] = site.query("SELECT COUNT(*) FROM booking_booking WHERE status = 'live'")[0][0]
    finally:
        site.stop()
    return figures


def posts_from_clients(url, times, *, clients, hidden=None):
    """Posts a consultation request for each of `times` from `clients` threads (each its own
    visitor, with the form's hidden fields unless `hidden` is given): latency and errors."""
    from livesite import FormClient, intake_answers

    shares = [times[i::clients] for i in range(clients)]

    def client_run(share):
        client = FormClient(url)
        fields = client.form_fields(FORM) if hidden is None else hidden
        timings, failures = [], 0
        for n, value in enumerate(share):
            data = {**fields, **intake_answers(preferred_name=f"Bench {n}"), "consultation_time": value}
            start = time.perf_counter()
            status, _, _ = client.post(FORM, data)
            timings.append((time.perf_counter() - start) * 1000)
            failures += status != 302
        return timings, failures

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client_run, shares))
    elapsed = time.perf_counter() - started
    latencies = sorted(t for timings, _ in results for t in timings)
    return {
        "posts": len(latencies),
        "clients": clients,
        "p50 ms": statistics.median(latencies),
        "p95 ms": latencies[max(0, round(len(latencies) * 0.95) - 1)],
        "posts/s": len(latencies) / elapsed,
        "errors": sum(failures for _, failures in results),
    }


def floor_posts(*, clients=16, posts=160):
    """The same posts answered by a bare Django view that redirects (bench/bare_redirect.py) under
    the same gunicorn and workers: the floor of this machine under the booking posts."""
    import subprocess

    from livesite import FormClient, free_port

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "bench.bare_redirect:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                FormClient(url).get(FORM)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        hidden = {"csrfmiddlewaretoken": "x" * 64, "started": "x" * 40, "extra_info": ""}
        return posts_from_clients(url, ["20270112T1700Z"] * posts, clients=clients, hidden=hidden)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50, help="renders of the form (default 50)")
    parser.add_argument("--keep", metavar="DIR", help="keep the in-process database in DIR")
    parser.add_argument("--skip-posts", action="store_true", help="only the in-process render")
    parser.add_argument(
        "--floor", action="store_true", help="also the same posts to a bare Django view that redirects"
    )
    options = parser.parse_args()
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="practice-booking-"))
    folder.mkdir(parents=True, exist_ok=True)
    # The live site first: the in-process half sets this process's environment for its database.
    if not options.skip_posts:
        show("Booking posts over HTTP (gunicorn, 2 workers, SQLite)", booking_posts())
    if options.floor:
        show("The floor: the same posts to a bare Django view that redirects (same gunicorn)", floor_posts())
    show(
        f"The consultation request with {HOSTS} hosts' free times, in process",
        in_process(folder, options.rounds),
    )


def show(title, figures):
    print(f"\n{title}", flush=True)
    for name, value in figures.items():
        print(f"  {name:<18} {value:>8.1f}" if isinstance(value, float) else f"  {name:<18} {value:>8}")


if __name__ == "__main__":
    main()
