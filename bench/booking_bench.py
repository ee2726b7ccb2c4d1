"""`make bench-booking`: what the free call's booking costs (issue 22).

1. In process, as `make bench-render` measures pages: the consultation request with three weeks of
   free times of 5 hosts (weekdays 9:00 to 17:00, 15-minute calls), and its queries with 1 host
   and with 5, which must be the same; then a booking post's CPU time and queries.
2. Over HTTP, as `make bench` measures the forms: booking posts (a request with a chosen time)
   over 16 connections against gunicorn on SQLite, each post a time still free, from wrk when
   installed (bench/wrk.lua deals each post a time of its own: C, so the client does not take the
   two workers' CPU), else from 16 Python threads in this process; then the bookings are counted.

    .venv/bin/python bench/booking_bench.py                 # both
    .venv/bin/python bench/booking_bench.py --keep /tmp/booking-db --skip-posts
    .venv/bin/python bench/booking_bench.py --keep /tmp/booking-db --skip-posts --profile /tmp/post.prof
    .venv/bin/python bench/booking_bench.py --floor         # and the floor (bench/bare_redirect.py)
    .venv/bin/python bench/booking_bench.py --client python # the Python client even with wrk
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = 5
NOTICE_HOURS = 24
NOTICE_SLACK = timedelta(minutes=30)  # longer than the bench posts: no time chosen passes the notice
CLIENTS = 16
FORM = "/contact/intake/"
WARM_UP_POSTS = 16  # before wrk measures: each worker's first posts load templates and code
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
            user=user,
            defaults={"active": True, "horizon_days": 21, "minimum_notice_hours": NOTICE_HOURS},
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


def in_process(folder, rounds, *, profile=None):
    """(p50, p95, CPU median) ms of rendering the form with 5 hosts' times, and its queries with 1
    host and with 5; then the CPU time and queries of one booking post (cProfile'd into `profile`)."""
    from bench.contact_bench import SERVER_ENV
    from bench.render import configure, measure, prepare

    configure(folder)
    os.environ.update(SERVER_ENV)
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
    figures = {
        "times offered": offered_count(),
        "p50 ms": median,
        "p95 ms": p95,
        "CPU ms": cpu,
        "queries, 1 host": queries_one,
        "queries, 5 hosts": queries_five,
    }
    return figures | posts_in_process(client, rounds, profile=profile)


def posts_in_process(client, rounds, *, profile=None):
    """The median CPU time of a booking post in this process (SQLite runs in it), each a time
    still free, and the queries of one; with `profile`, a cProfile of them written there."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from booking.forms import time_value
    from booking.services import free_times
    from contact.spam import issue_started_token
    from livesite import intake_answers

    values = iter([time_value(slot.start) for slot in free_times()])

    def post():
        data = {
            **intake_answers(preferred_name="Bench"),
            "started": issue_started_token(),
            "extra_info": "",
            "consultation_time": next(values),
        }
        # Form-encoded, as a browser and the bench's HTTP clients post it (the test Client's
        # default is multipart, which costs more to parse).
        body = urllib.parse.urlencode(data, doseq=True)
        response = client.post(FORM, body, content_type="application/x-www-form-urlencoded")
        if response.status_code != 302:
            raise RuntimeError(f"a booking post answered {response.status_code}")

    for _ in range(3):  # warm up, as measure() does
        post()
    cpu = []
    for _ in range(rounds):
        start_cpu = time.process_time()
        post()
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        post()
    if profile:  # other posts: the profiler's own cost is not in the CPU time above
        profiler = cProfile.Profile()
        for _ in range(rounds):
            profiler.runcall(post)
        profiler.dump_stats(profile)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    return {"post CPU ms": statistics.median(cpu), "post queries": len(captured)}


def booking_posts(*, client, seconds, posts=160):
    """Booking posts over CLIENTS connections against the site in production mode
    (bench/run.py), from `client` ("wrk" for `seconds`, or "python" for `posts` posts): latency,
    errors, and the live bookings made (every post must book one)."""
    from bench.run import production_site
    from livesite import FormClient

    site = production_site(articles=0)
    site.start()
    try:
        site.shell(f"from bench.booking_bench import ensure_hosts\nensure_hosts({HOSTS})")
        visitor = FormClient(site.url)
        html = visitor.get(FORM + "?more=days")[1]
        # Each time can be booked once per host: "anyone" books the first host free then. The
        # soonest, which pass the minimum notice while the bench posts, are left out.
        soonest = datetime.now(UTC) + timedelta(hours=NOTICE_HOURS) + NOTICE_SLACK
        times = [
            value
            for value in TIME_VALUE.findall(html)
            if datetime.strptime(value, "%Y%m%dT%H%MZ").replace(tzinfo=UTC) > soonest
            for _ in range(HOSTS)
        ]
        if client == "wrk":
            warm_up, times = times[:WARM_UP_POSTS], times[WARM_UP_POSTS:]
            posts_from_clients(site.url, warm_up, clients=4)
            before = live_bookings(site)
            figures = wrk_posts(site.url, visitor, times, seconds=seconds)
        else:
            before = live_bookings(site)
            figures = posts_from_clients(site.url, times[:posts], clients=CLIENTS)
        # wrk stops with up to one post per connection unanswered, which may still book.
        figures["booked"] = live_bookings(site) - before
    finally:
        site.stop()
    return figures


def live_bookings(site):
    return site.query("SELECT COUNT(*) FROM booking_booking WHERE status = 'live'")[0][0]


def wrk_posts(url, visitor, times, *, seconds, hidden=None):
    """wrk's consultation requests over CLIENTS connections for `seconds`, each with one of
    `times` (bench/wrk.lua's BENCH_EACH), as `visitor` (its cookie and the form's hidden fields,
    fetched once, as bench/run.py posts the contact form) unless `hidden` is given."""
    from bench.load import wrk_fields
    from livesite import intake_answers

    fields = visitor.form_fields(FORM) if hidden is None else hidden
    env = {
        "BENCH_BODY": urllib.parse.urlencode(
            {**fields, **intake_answers(preferred_name="Bench")}, doseq=True
        ),
        "BENCH_COOKIE": "; ".join(f"{cookie.name}={cookie.value}" for cookie in visitor.cookies),
        "BENCH_REFERER": url + FORM,
        "BENCH_EACH": "consultation_time=" + ",".join(times),
    }
    result = wrk_fields(url + FORM, seconds, CLIENTS, env)
    return {
        "posts": int(result["requests"]),
        "clients": CLIENTS,
        "p50 ms": result["p50"],
        "p95 ms": result["p95"],
        "posts/s": result["rps"],
        "errors": int(result["errors"]),
        "of them refused": int(result["refused"]),  # the rest: socket errors, timeouts
    }


def posts_from_clients(url, times, *, clients, hidden=None):
    """Posts a consultation request for each of `times` from `clients` threads (each its own
    visitor, with the form's hidden fields unless `hidden` is given): latency and errors."""
    from bench.contact_bench import post_concurrently
    from livesite import intake_answers

    def answers(_index, value):
        return {**intake_answers(preferred_name="Bench"), "consultation_time": value}

    result = post_concurrently(url, [times[i::clients] for i in range(clients)], answers, hidden=hidden)
    return {
        "posts": result["requests"],
        "clients": clients,
        "p50 ms": result["p50_ms"],
        "p95 ms": result["p95_ms"],
        "posts/s": result["rps"],
        "errors": result["errors"],
    }


def floor_posts(*, client, seconds, posts=160):
    """The same posts answered by a bare Django view that redirects (bench/bare_redirect.py) under
    the same gunicorn and workers, from the same client: the floor of this machine under the
    booking posts."""
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
        times = ["20270112T1700Z"] * posts
        if client == "wrk":
            return wrk_posts(url, FormClient(url), times, seconds=seconds, hidden=hidden)
        return posts_from_clients(url, times, clients=CLIENTS, hidden=hidden)
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
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="what posts: wrk (the default when installed) or 16 Python threads in this process",
    )
    parser.add_argument("--profile", metavar="PATH", help="write a cProfile of the posts in process to PATH")
    parser.add_argument("--seconds", type=float, default=8, help="how long wrk posts (default 8)")
    options = parser.parse_args()
    posting = {"client": options.client, "seconds": options.seconds}
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="practice-booking-"))
    folder.mkdir(parents=True, exist_ok=True)
    # The live site first: the in-process half sets this process's environment for its database.
    if not options.skip_posts:
        show(
            f"Booking posts over HTTP (gunicorn, 2 workers, SQLite), from {options.client}",
            booking_posts(**posting),
        )
    if options.floor:
        show(
            f"The floor: the same posts to a bare Django view that redirects (same gunicorn), from {options.client}",
            floor_posts(**posting),
        )
    show(
        f"The consultation request with {HOSTS} hosts' free times, in process",
        in_process(folder, options.rounds, profile=options.profile),
    )


def show(title, figures):
    print(f"\n{title}", flush=True)
    for name, value in figures.items():
        print(f"  {name:<18} {value:>8.1f}" if isinstance(value, float) else f"  {name:<18} {value:>8}")


if __name__ == "__main__":
    main()
