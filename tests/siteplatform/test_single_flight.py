"""One render per page per generation: after a publish makes the home page stale, 16 visitors
asking for it together cause one render, and all 16 get the new page (siteplatform/single_flight.py).

In process: 16 threads through Django's test client on a transactional database, with Redis (a
database of this test's own on the machine's server) and with the machine caches settings use
without REDIS_URL. Renders are counted on `HomePage.serve`, not timed. A renderer that fails or
outlasts the wait leaves the others a page, and a Redis outage means everyone renders. The same
through gunicorn is tests/siteplatform/test_single_flight_live.py.
"""

import shutil
import threading
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections
from django.test import Client
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Locale, Site

from livesite import free_port, redis_url
from practice.models import HomePage
from siteplatform.cache_backends import MachineFileCache, machine_caches, redis_caches
from siteplatform.single_flight import Flight
from tests.environment import PRODUCTION, settings_from
from tests.factories import build_site

VISITORS = 16
NEW_HEADING = "Therapy that meets you after every publish"
# Long enough that no waiter gives up while the others are still arriving on a busy machine:
# a bound, never a measure; each test's own gates (below) decide when a render goes on.
WAIT_SECONDS = 30
GATE_SECONDS = 20


class Renders:
    """A spy on the home page's serve: counts renders and runs `gate(n)` (a test's own) before
    the n-th one, in whichever thread it happens."""

    def __init__(self, original):
        self.original = original
        self.count = 0
        self.lock = threading.Lock()
        self.gate = None

    def serve(self, page, request, *args, **kwargs):
        with self.lock:
            self.count += 1
            number = self.count
        if self.gate:
            self.gate(number)
        return self.original(page, request, *args, **kwargs)


class Joins:
    """Counts the requests that reached the single-flight step (leader and waiters alike)."""

    def __init__(self, original):
        self.original = original
        self.lock = threading.Lock()
        self.count = 0
        self.all_in = threading.Event()

    def join(self, flight, *, lead):
        with self.lock:
            self.count += 1
            if self.count == VISITORS:
                self.all_in.set()
        return self.original(flight, lead=lead)

    def wait_for_everyone(self):
        assert self.all_in.wait(GATE_SECONDS), f"only {self.count} of {VISITORS} requests arrived"


@pytest.fixture
def renders(monkeypatch):
    spy = Renders(HomePage.serve)
    monkeypatch.setattr(
        HomePage, "serve", lambda page, request, *args, **kwargs: spy.serve(page, request, *args, **kwargs)
    )
    return spy


@pytest.fixture
def joins(monkeypatch):
    spy = Joins(Flight.join)
    monkeypatch.setattr(Flight, "join", lambda flight, *, lead: spy.join(flight, lead=lead))
    return spy


@pytest.fixture
def redis_caches_of_our_own(settings):
    """The caches settings make for REDIS_URL, on a database of this test's own (9, 10, …: one
    per xdist worker), emptied first."""
    url = redis_url(9)
    redis.Redis.from_url(url).flushdb()
    use_caches(settings, redis_caches(url), pages="pages", generation="default")
    yield
    close_caches(settings)


@pytest.fixture
def machine_caches_of_our_own(settings):
    """The caches settings make without REDIS_URL, in folders of this test's own."""
    cache_settings = machine_caches(f"single-flight-test-{uuid.uuid4().hex}")
    use_caches(settings, cache_settings, pages="default", generation="page_generation")
    yield
    close_caches(settings)
    for alias in ("page_generation", "page_flight"):
        shutil.rmtree(cache_settings[alias]["LOCATION"], ignore_errors=True)


def use_caches(settings, cache_settings, *, pages, generation):
    settings.CACHES = cache_settings
    settings.PAGE_CACHE_ALIAS = pages
    settings.PAGE_CACHE_GENERATION_ALIAS = generation
    settings.PAGE_CACHE_RENDER_WAIT_SECONDS = WAIT_SECONDS


def close_caches(settings):
    for alias in settings.CACHES:
        caches[alias].close()


@pytest.fixture(params=["redis_caches_of_our_own", "machine_caches_of_our_own"])
def site_caches(request):
    """Each of the caches settings make: with REDIS_URL, and without."""
    request.getfixturevalue(request.param)


@pytest.fixture
def site(transactional_db):
    """The page tree, on a database that commits, as a site's does: the threads that stand for
    visitors have connections of their own. A transactional test starts from empty tables (the
    one before it flushed them): the site's languages and settings rows are made again, as
    migrations and the first visit made them."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    tree = build_site()
    # Settings rows are made on first read; 16 visitors reading them at once would race to.
    for model in registry:
        model.load() if issubclass(model, BaseGenericSetting) else model.for_site(Site.objects.get())
    return tree


@pytest.fixture
def stale_home(site):
    """The home page, cached, then published with a new heading: its entry is stale."""
    home = site.home
    assert Client().get("/")["X-Cache"] == "MISS"
    assert Client().get("/")["X-Cache"] == "HIT"
    home.hero_heading = NEW_HEADING
    home.save_revision().publish()
    return home


def visit_together(path="/", *, on_response=None):
    """Responses to VISITORS anonymous GETs of `path` sent at once, each from a thread of its own
    (with its own database connection, closed after)."""
    responses, lock = [], threading.Lock()
    start = threading.Barrier(VISITORS, timeout=GATE_SECONDS)

    def visit():
        try:
            start.wait()
            response = Client(raise_request_exception=False).get(path)
            with lock:
                responses.append(response)
                if on_response:
                    on_response(len(responses))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS + GATE_SECONDS)
    assert len(responses) == VISITORS, "a request never came back"
    return responses


def shows_new_page(response):
    return response.status_code == 200 and NEW_HEADING in response.content.decode()


def test_sixteen_visitors_after_a_publish_cause_one_render_and_all_get_the_new_page(
    site_caches, stale_home, renders, joins
):
    renders.count = 0
    # The render waits until all 16 have arrived, so the others really ask while it runs.
    renders.gate = lambda number: number == 1 and joins.wait_for_everyone()

    responses = visit_together()

    assert renders.count == 1
    assert all(shows_new_page(response) for response in responses)
    assert sorted(response["X-Cache"] for response in responses) == ["MISS"] + ["WAIT"] * (VISITORS - 1)
    assert Client().get("/")["X-Cache"] == "HIT"


def test_a_renderer_that_fails_leaves_the_others_the_new_page(
    redis_caches_of_our_own, stale_home, renders, joins
):
    def fail_once_everyone_waits(number):
        if number == 1:
            joins.wait_for_everyone()
            raise RuntimeError("the first render after the publish breaks")

    renders.count = 0
    renders.gate = fail_once_everyone_waits

    responses = visit_together()

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * (VISITORS - 1) + [500]
    assert sum(shows_new_page(response) for response in responses) == VISITORS - 1
    assert Client().get("/")["X-Cache"] == "HIT"


def test_a_renderer_slower_than_the_wait_leaves_the_others_the_new_page(
    redis_caches_of_our_own, stale_home, renders, settings
):
    settings.PAGE_CACHE_RENDER_WAIT_SECONDS = 0.2
    others_answered = threading.Event()
    renders.count = 0
    # The first render goes on only once the other 15 have had their answer.
    renders.gate = lambda number: number == 1 and others_answered.wait(WAIT_SECONDS)

    responses = visit_together(on_response=lambda n: n == VISITORS - 1 and others_answered.set())

    assert others_answered.is_set()
    assert all(shows_new_page(response) for response in responses)


@pytest.mark.parametrize("without_lock", ["redis is down", "waiting is turned off"])
def test_without_a_lock_everyone_renders_at_once_and_nobody_waits(
    without_lock, site, renders, settings, request
):
    if without_lock == "redis is down":
        unreachable = f"redis://127.0.0.1:{free_port()}/0"
        use_caches(settings, redis_caches(unreachable), pages="pages", generation="default")
    else:
        request.getfixturevalue("redis_caches_of_our_own")
        settings.PAGE_CACHE_RENDER_WAIT_SECONDS = 0
    # Every render goes on only once all 16 render at once: one waiting on a lock would keep
    # the others (and itself) from ever getting there.
    together = threading.Barrier(VISITORS, timeout=GATE_SECONDS)
    renders.gate = lambda number: together.wait()

    responses = visit_together()

    assert renders.count == VISITORS
    assert [response.status_code for response in responses] == [200] * VISITORS
    assert {response["X-Cache"] for response in responses} == {"MISS"}
    close_caches(settings)


def test_the_wait_bound_is_read_from_the_environment():
    wait = "PAGE_CACHE_RENDER_WAIT_SECONDS"
    assert settings_from(PRODUCTION, clean=True)[wait] == 3
    assert settings_from({**PRODUCTION, wait: "0"}, clean=True)[wait] == 0


@pytest.mark.parametrize(
    "url",
    [
        "/contact/",
        "/contact/intake/",
        "/search/?q=trust",
        "/admin/login/",
        "/?step=2",
        "/team/?issue=anxiety",
    ],
)
def test_forms_search_the_admin_and_unknown_parameters_never_wait_for_anyone(site_tree, client, joins, url):
    client.get(url)
    assert joins.count == 0
    client.get("/")  # a page the cache stores does take part
    assert joins.count == 1


def test_signed_in_staff_never_wait_for_anyone(site_tree, client, joins, admin_user):
    client.force_login(admin_user)
    client.get("/")
    assert joins.count == 0


def test_a_waiter_in_another_worker_gets_the_new_page_through_the_machine_cache(machine_caches_of_our_own):
    """Workers keep pages in their own memory: two LocMemCaches of different names stand for
    two gunicorn workers of one machine, each holding the page as it was before a publish."""
    key = "practice:page:home"
    old, new = (
        {"generation": g, "status": 200, "headers": [], "body": g.encode(), "gzip": None, "etag": g}
        for g in ("g0", "g1")
    )
    worker_a, worker_b = LocMemCache("single-flight-worker-a", {}), LocMemCache("single-flight-worker-b", {})
    worker_a.set(key, old)
    worker_b.set(key, old)
    found = []
    with Flight(key, "g1", entries=worker_a) as leader:
        assert leader.join(lead=True) is None  # it renders
        waiter = threading.Thread(
            target=lambda: found.append(Flight(key, "g1", entries=worker_b).join(lead=True))
        )
        waiter.start()
        worker_a.set(key, new)
        leader.hand_off(new)
    waiter.join(WAIT_SECONDS)

    assert found == [new]
    assert worker_b.get(key) == new  # and kept in its own worker's memory


def test_only_one_of_the_machines_workers_gets_the_lock(tmp_path):
    """The machine cache's add() is the lock: of 16 asking at once, exactly one wins, every time
    (Django's FileBasedCache checks, then writes: two or more won most rounds)."""
    locks = MachineFileCache(str(tmp_path), {})
    for round_number in range(10):
        assert sorted(add_together(locks, f"lock-{round_number}")) == [False] * (VISITORS - 1) + [True]


def add_together(cache, key):
    """What `cache.add(key)` returned to each of VISITORS threads asking at once."""
    results, start = [], threading.Barrier(VISITORS, timeout=GATE_SECONDS)

    def add():
        start.wait()
        results.append(cache.add(key, 1, 5))

    threads = [threading.Thread(target=add) for _ in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(GATE_SECONDS)
    return results
