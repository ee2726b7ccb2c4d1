"""Readership counts through the real pieces: gunicorn with the shipped configuration, the real
`manage.py task_worker`, Redis and PostgreSQL servers of the test's own.

The worker is killed with SIGKILL in the middle of adding a large batch to the database (every
row but the last written, in its one transaction): a second flush then adds every count exactly
once. The middle is found without guessing at timing: the test holds, in a transaction of its
own, the row the flush writes last (rows are written in their keys' order), and kills the worker
once PostgreSQL says the worker's transaction waits for that lock.

After a thousand beacons, gunicorn's access log file holds no client address and no user agent
on any beacon line.
"""

import http.client
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest

from livesite import DatabaseTemplate, LiveSite, postgres
from livesite.redis import RedisServer
from readership.store import decode

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not postgres.available(), reason="needs Debian's PostgreSQL 15 binaries"),
    pytest.mark.skipif(not RedisServer.executable(), reason="needs Debian's redis-server"),
]

BEACONS = 1000
REFERRERS = 300  # other sites' hosts: one count of each per page, so a batch of hundreds of rows
PATHS = ("/",)  # the home page that migrate makes
AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 UNIQUE-AGENT-4402"
PENDING = "practice:readership:pending"
BATCHES = "practice:readership:batches"


@pytest.fixture(scope="module")
def stack():
    """A site on its own PostgreSQL, counting into its own Redis (as with REDIS_URL), gunicorn
    writing its access log to a file, and no task worker until a test starts one. Without the
    demo content (half a minute saved): the home page that migrate makes is the page read."""
    with pytest.MonkeyPatch.context() as patch:
        database = postgres.PostgresServer().start()
        redis = RedisServer().start()
        # The site's database on the test's own server; no run-wide template on it to leak.
        patch.setenv("DATABASE_URL", database.url)
        patch.delenv(DatabaseTemplate.RUN_VARIABLE, raising=False)
        site = LiveSite(
            env={"READERSHIP_REDIS_URL": redis.url(), "READERSHIP_RATE_LIMIT": "1000000"}, demo=False
        )
        site.gunicorn_args += ["--access-logfile", str(site.tmp / "access.log")]
        try:
            site.start()
            yield site, redis
        finally:
            site.stop()
            redis.stop()
            database.close()


def connect(site):
    import psycopg2

    parts = urlsplit(site.env["DATABASE_URL"])
    return psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username, dbname=parts.path.lstrip("/")
    )


def run_sql(site, sql, params=()):
    """One statement, committed; its rows when it returns any."""
    connection = connect(site)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def counts_in_database(site):
    rows = run_sql(site, "SELECT period, day, language, metric, page_id, source, count FROM readership_count")
    return {
        (period, day.isoformat(), language, metric, page_id, source): count
        for period, day, language, metric, page_id, source, count in rows
    }


def pending_in_redis(redis):
    """{count key: amount} of the counts waiting for a flush."""
    client = redis_client(redis)
    return {decode(field): int(value) for field, value in client.hgetall(PENDING).items()}


def redis_client(redis):
    import redis as redis_package

    return redis_package.Redis.from_url(redis.url(), decode_responses=True)


def send_beacons(site, count):
    """`count` beacons as readership.js sends them from a browser on the site: the pages in turn,
    each from one of REFERRERS other sites."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        "User-Agent": AGENT,
    }
    try:
        for number in range(count):
            body = urlencode({"p": PATHS[number % len(PATHS)], "r": f"site-{number % REFERRERS}.example.org"})
            connection.request("POST", "/readership/beacon", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 204
    finally:
        connection.close()


def wait_for(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.1)
    return found


def test_killing_the_worker_in_the_middle_of_a_flush_loses_no_count_and_doubles_none(stack):
    site, redis = stack
    run_sql(site, "DELETE FROM readership_count")  # the demo's made-up numbers
    send_beacons(site, BEACONS)
    pending = pending_in_redis(redis)
    assert sum(amount for key, amount in pending.items() if key[3] == "view") == BEACONS
    assert len(pending) > REFERRERS  # a large batch: hundreds of rows

    # The row the flush writes last, taken by a transaction of the test's own (not committed).
    last = max(pending)
    holder = connect(site)
    cursor = holder.cursor()
    cursor.execute(
        "INSERT INTO readership_count (period, day, language, metric, page_id, source, count) "
        "VALUES (%s, %s, %s, %s, %s, %s, 0)",
        last,
    )
    cursor.execute("SELECT pg_backend_pid()")
    [(holder_pid,)] = cursor.fetchall()
    try:
        site.start_worker()  # it flushes as it starts
        wait_for(
            lambda: run_sql(
                site,
                "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid)) "
                "AND query LIKE 'INSERT INTO \"readership_count\"%%'",
                (holder_pid,),
            ),
            "the worker's flush waiting for the last row",
        )
        # The middle of the flush: the batch moved aside in Redis, every other row written in the
        # worker's transaction, nothing committed.
        assert redis_client(redis).scard(BATCHES) == 1 and not pending_in_redis(redis)
        site.kill_process("worker")
    finally:
        holder.rollback()
        holder.close()
    assert counts_in_database(site) == {}
    assert run_sql(site, "SELECT count(*) FROM readership_flushedbatch") == [(0,)]

    assert "Added 1 batch(es)" in site.manage("readership_flush")
    assert counts_in_database(site) == pending
    assert redis_client(redis).keys("practice:readership:*") == []
    assert "Added 0 batch(es)" in site.manage("readership_flush")
    assert counts_in_database(site) == pending


def test_the_access_log_of_a_thousand_beacons_names_no_address_and_no_browser(stack):
    """gunicorn's own access log file (deploy/gunicorn.conf.py): every beacon line has "-" for
    the client's address and no user agent, while a page's line keeps the address."""
    site, redis = stack
    run_sql(site, "DELETE FROM readership_count")
    send_beacons(site, BEACONS)
    site.start_worker()
    try:
        wait_for(
            lambda: sum(n for key, n in counts_in_database(site).items() if key[3] == "view") == BEACONS,
            "the worker's flush of a thousand beacons",
        )
    finally:
        site.stop_process("worker")
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    connection.request("GET", "/", headers={"User-Agent": AGENT})
    connection.getresponse().read()
    connection.close()

    # gunicorn writes a request's line after sending its answer: wait for the page's line.
    def page_line():
        lines = (site.tmp / "access.log").read_text().splitlines()
        return [line for line in lines if '"GET / HTTP/1.1"' in line] and lines

    log = wait_for(page_line, "the page's line in the access log", timeout=10)
    beacon_lines = [line for line in log if "/readership/beacon" in line]
    assert len(beacon_lines) >= BEACONS
    assert Counter(line.split(" [", 1)[0] for line in beacon_lines) == {"- - -": len(beacon_lines)}
    assert not [line for line in log if "127.0.0.1" in line and "/readership/" in line]
    assert not [line for line in log if "UNIQUE-AGENT" in line or "Firefox" in line]
    assert [line for line in log if '"GET / HTTP/1.1"' in line][-1].startswith("127.0.0.1 ")
