"""One render per page per generation: after a publish makes every cached page stale at once,
the visitors who ask for the same page together wait for one render instead of each paying for
their own (the page cache's contract is siteplatform/page_cache.py's).

Contract of `Flight`, used by `PageCacheMiddleware` for what it would store (an anonymous GET or
HEAD of a cacheable address) when the entry is missing or stale:

- A GET takes a short-lived lock next to the page's key with the cache's atomic `add()`, and
  renders; the others asking for the same key under the same generation poll the cache every
  POLL_SECONDS and answer with the leader's entry (`X-Cache: WAIT`) as soon as it is stored. A
  HEAD never leads (it stores nothing) but waits when a GET is rendering.
- The wait is bounded: a waiter renders itself after PAGE_CACHE_RENDER_WAIT_SECONDS, or as soon
  as the lock is gone without an entry (the leader's response was not storable, or it failed),
  so a slow or crashed renderer never blocks anyone; a lock left by a killed process expires
  LOCK_SECONDS_BEYOND_WAIT after the wait bound. PAGE_CACHE_RENDER_WAIT_SECONDS=0 turns it off.
- The lock lives in the cache every worker shares: the generation's (Redis: every worker of
  every host, so one render for the whole site), or FLIGHT_ALIAS when settings define it (the
  machine caches without REDIS_URL: a file cache of this machine, `MachineFileCache`, whose
  `add()` is atomic across processes). Pages then live in each process's memory, where a waiter
  in another worker cannot read them: the leader also leaves a short-lived copy of its entry in
  the flight cache, which a waiter takes into its own process's cache. So without Redis it is
  one render per machine for a burst of requests, and at most one per worker per generation.
- With the cache unreachable (ResilientRedisCache: `add` is False, `has_key` False) there is no
  lock to see: everyone renders at once, as without this module, and nobody waits.
"""

import math
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

FLIGHT_ALIAS = "page_flight"
LOCK_PREFIX = "practice:page-render:"
HANDOFF_PREFIX = "practice:page-handoff:"
POLL_SECONDS = 0.02
# A lock outlives the wait bound by this much, so waiters give up before it expires on its own.
LOCK_SECONDS_BEYOND_WAIT = 2


def flight_cache():
    """Where locks (and, for per-process page caches, hand-off copies) live: a cache every worker
    of the machine, or of the site, shares."""
    alias = FLIGHT_ALIAS if FLIGHT_ALIAS in settings.CACHES else settings.PAGE_CACHE_GENERATION_ALIAS
    return caches[alias]


class Flight:
    """The render of one page key under one generation, shared by the requests that ask for it
    together. Use as a context manager: leaving it releases the lock if this request holds it."""

    def __init__(self, key, generation, *, entries):
        self.key = key
        self.generation = generation
        self.entries = entries
        self.locks = flight_cache()
        self.wait_seconds = settings.PAGE_CACHE_RENDER_WAIT_SECONDS
        self.lock_key = f"{LOCK_PREFIX}{generation}:{key}"
        self.handoff_key = f"{HANDOFF_PREFIX}{generation}:{key}"
        # Pages kept per process are out of other workers' reach: hand them over through the
        # shared flight cache as well.
        self.hands_off = isinstance(entries, LocMemCache) and not isinstance(self.locks, LocMemCache)
        self.held = False

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.held:
            self.held = False
            self.locks.delete(self.lock_key)

    def join(self, *, lead):
        """The entry another request rendered for this key and generation, or None when this
        request must render: it holds the lock (`lead` and nobody else had it), the wait ran
        out, the leader stopped without storing a page, or no lock can be had."""
        if self.wait_seconds <= 0:
            return None
        deadline = time.monotonic() + self.wait_seconds
        lock_seconds = math.ceil(self.wait_seconds) + LOCK_SECONDS_BEYOND_WAIT
        if lead and self.locks.add(self.lock_key, os.getpid(), lock_seconds):
            self.held = True
            # Another leader may have stored the page between our lookup and our lock.
            return self.find()
        while True:
            # The lock first: a leader stores its entry before it lets go, so once the lock is
            # gone, the entry (if there is one) is there to be found.
            rendering = self.locks.has_key(self.lock_key)
            entry = self.find()
            if entry is not None or not rendering or time.monotonic() >= deadline:
                return entry
            time.sleep(POLL_SECONDS)

    def find(self):
        """The entry stored for this key under this generation, from this process's page cache
        or from the leader's hand-off copy (then kept in this process's cache too)."""
        entry = self.entries.get(self.key)
        if entry is not None and entry["generation"] == self.generation:
            return entry
        if self.hands_off:
            # Its key names the generation: nothing older is ever found there.
            entry = self.locks.get(self.handoff_key)
            if entry is not None:
                self.entries.set(self.key, entry, settings.PAGE_CACHE_SECONDS)
                return entry
        return None

    def hand_off(self, entry):
        """After the leader stored `entry`: a copy for waiters in other processes, kept as long
        as anyone may still wait for it."""
        if self.hands_off and self.held:
            timeout = 2 * math.ceil(self.wait_seconds) + LOCK_SECONDS_BEYOND_WAIT
            self.locks.set(self.handoff_key, entry, timeout)
