"""Redis as an optimisation, not a dependency: Django's own RedisCache, made to survive an outage.

Contract of `ResilientRedisCache` (the backend settings use whenever REDIS_URL is set):

- A read that cannot reach Redis is a miss (`get` returns the default, `get_many` `{}`,
  `has_key` False); a write is a no-op (`set`, `set_many`, `delete`, `touch`, `clear`; `add`
  returns False). Nothing raises, so a page renders uncached instead of failing.
- A counter has no safe "miss": `incr` and `decr` raise `CacheUnavailable`, so the caller (the
  contact forms' rate limit) knows and can count somewhere else.
- An outage is logged once per process when it starts and once when Redis answers again, never
  per request. While it lasts, Redis is not asked again for RETRY_SECONDS after each failure, so
  a Redis that hangs or drops packets costs a request at most one short timeout, not one per
  cache call; `available` is False meanwhile.
- Connections give up quickly (SOCKET_TIMEOUT) and redis-py's own retries are off: a worker must
  not sit out seconds of back-off while a visitor waits.

django-redis's IGNORE_EXCEPTIONS would do the first point, but not the counters or the single
log line, and would be a second Redis backend to keep up with Django releases.
"""

import hashlib
import logging
import tempfile
import threading
import time
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files import locks

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
SOCKET_TIMEOUT = 0.5
REFUSED_LOG_SECONDS = 60


class CacheUnavailable(Exception):
    """The shared cache could not be reached for an operation that has no harmless fallback."""


class Outage:
    """Whether one Redis server is unreachable, shared by every thread of the process (Django
    makes one cache object per thread)."""

    def __init__(self, location):
        self.location = location
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0
        self.refused_logged_at = -REFUSED_LOG_SECONDS

    def skipping(self):
        """True while a recent failure says not to try yet."""
        return self.down_since is not None and time.monotonic() < self.retry_at

    def failed(self, error):
        with self.lock:
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.error(
                    "The cache at %s cannot be reached (%s: %s); serving without it until it answers.",
                    self.location,
                    type(error).__name__,
                    error,
                )

    def refused(self, error):
        with self.lock:
            if time.monotonic() < self.refused_logged_at + REFUSED_LOG_SECONDS:
                return
            self.refused_logged_at = time.monotonic()
        logger.error("The cache at %s refused a command: %s", self.location, error)

    def succeeded(self, started):
        """An operation that `started` (time.monotonic()) got its answer. One that started
        before the outage was noticed says nothing about now: under load, a reply sent before
        Redis died can arrive after another thread saw it die."""
        if self.down_since is None or started < self.down_since:
            return
        with self.lock:
            if self.down_since is not None and started >= self.down_since:
                logger.warning(
                    "The cache at %s answers again after %.1f s.",
                    self.location,
                    time.monotonic() - self.down_since,
                )
                self.down_since = None


outages = {}
outages_lock = threading.Lock()


def outage_for(location):
    with outages_lock:
        return outages.setdefault(location, Outage(location))


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that turns connection failures into misses and no-ops (see the module)."""

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": SOCKET_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            # No Retry object and no retry_on_error: redis-py then makes no second attempt.
            "retry": None,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self.outage = outage_for(str(server))
        import redis  # here, not at the top: settings import this module, with or without Redis

        self.refusal = redis.ResponseError
        self.failures = (redis.ConnectionError, redis.TimeoutError, OSError)

    @property
    def available(self):
        """False while Redis is known to be unreachable (until its next retry)."""
        return not self.outage.skipping()

    def guarded(self, operation, fallback):
        """operation(), or fallback() when Redis cannot be reached or refuses the command."""
        if self.outage.skipping():
            return fallback()
        started = time.monotonic()
        try:
            result = operation()
        except self.refusal as error:
            # A full Redis under `noeviction` refuses writes ("OOM command not allowed") but
            # answers reads, so it is not marked down.
            self.outage.refused(error)
            return fallback()
        except self.failures as error:
            self.outage.failed(error)
            return fallback()
        self.outage.succeeded(started)
        return result

    def get(self, key, default=None, version=None):
        return self.guarded(
            lambda: super(ResilientRedisCache, self).get(key, default, version), lambda: default
        )

    def get_many(self, keys, version=None):
        return self.guarded(lambda: super(ResilientRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self.guarded(lambda: super(ResilientRedisCache, self).has_key(key, version), lambda: False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), lambda: False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.guarded(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), lambda: None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key, version=None):
        return self.guarded(lambda: super(ResilientRedisCache, self).delete(key, version), lambda: False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list)

    def delete_many(self, keys, version=None):
        self.guarded(lambda: super(ResilientRedisCache, self).delete_many(keys, version), lambda: None)

    def clear(self):
        return self.guarded(super().clear, lambda: False)

    def incr(self, key, delta=1, version=None):
        """RedisCache.incr; raises CacheUnavailable when Redis cannot be reached (and ValueError,
        as Django's backends do, when the key does not exist)."""
        return self.guarded(lambda: super(ResilientRedisCache, self).incr(key, delta, version), unavailable)


def unavailable():
    raise CacheUnavailable("the shared cache cannot be reached")


LOCAL_ALIAS = "local"


def redis_caches(url, pages_url=None):
    """CACHES for a site with Redis at `url`:

    - "default": small state that must not be evicted: the content generation (no expiry) and
      the contact forms' rate-limit counters.
    - "pages": whole pages and fragments, each with an expiry: `pages_url` (a second Redis with
      `allkeys-lru`, see README "Page cache") when given, else the same Redis as "default".
    - "local": this process's own memory, where the rate limit counts while Redis is away.
    """
    backend = "siteplatform.cache_backends.ResilientRedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "practice"},
        "pages": {"BACKEND": backend, "LOCATION": pages_url or url, "KEY_PREFIX": "practice"},
        LOCAL_ALIAS: local_cache(),
    }


def local_cache():
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "practice-local"}


class MachineFileCache(FileBasedCache):
    """Django's FileBasedCache whose `add()` is atomic across the processes (and threads) of the
    machine, as a lock needs: Django's checks for the key, then writes, so two workers asking at
    once could both win. Here the check and the write happen under an exclusive lock on a file
    of the cache's folder (not a cache file, so never culled or cleared)."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self.add_lock_path = Path(dir) / "add.lock"

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.add_lock_path.parent.mkdir(parents=True, exist_ok=True)  # may be deleted at any time
        with open(self.add_lock_path, "ab") as lock_file:
            locks.lock(lock_file, locks.LOCK_EX)
            try:
                if self.has_key(key, version):
                    return False
                self.set(key, value, timeout, version)
                return True
            finally:
                locks.unlock(lock_file)


def machine_caches(database):
    """CACHES for a site without Redis: pages in each process's memory, and the generation that
    invalidates them in a small file cache for this machine's workers, so a publish shows at
    once in every worker. A second file cache, "page_flight", holds the locks (and short-lived
    copies of the pages) by which one worker renders a stale page for the others
    (siteplatform/single_flight.py), away from the generation so its culling never drops it.
    `database` names the site's database: one folder of each per site."""
    digest = hashlib.sha256(database.encode()).hexdigest()[:16]
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        LOCAL_ALIAS: local_cache(),
        "page_generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(tempfile.gettempdir()) / f"practice-page-generation-{digest}"),
        },
        "page_flight": {
            "BACKEND": "siteplatform.cache_backends.MachineFileCache",
            "LOCATION": str(Path(tempfile.gettempdir()) / f"practice-page-flight-{digest}"),
        },
    }
