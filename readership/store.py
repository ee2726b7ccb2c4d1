"""Where counts wait between a beacon and the database: Redis, or this process's memory.

A beacon adds one to a field of a hash (HINCRBY): no database write per view. A flush first
moves the whole hash aside under a new batch id, atomically (a Lua script renames it and
records the id in one step), then adds the batch to the database in one transaction that also
records the id (`readership.services.batch_apply`), and only then deletes the batch. A worker
killed at any point leaves either the counts still pending, or a batch recorded in Redis that
the next flush adds (once: the database knows which batches it has), or a batch already added
that the next flush only deletes. Nothing is lost and nothing counted twice.

Without Redis (one small machine, `make run`) each web process keeps its counts in memory and
adds them to the database itself at most once per flush interval: a restart may lose up to that
interval's counts of one process, which is what "degrade, never fail" allows.
"""

import logging
import threading
import time
import uuid
from functools import lru_cache

from django.conf import settings

logger = logging.getLogger(__name__)

SEPARATOR = "\t"

MOVE_ASIDE = """
if redis.call('exists', KEYS[1]) == 1 then
    redis.call('rename', KEYS[1], KEYS[2])
    redis.call('sadd', KEYS[3], ARGV[1])
    return 1
end
return 0
"""


def encode(key):
    return SEPARATOR.join(str(part) for part in key)


def decode(field):
    period, day, language, metric, page_id, source = field.split(SEPARATOR, 5)
    return period, day, language, metric, int(page_id), source


class RedisStore:
    """Counts in one Redis hash, batches moved aside under their own keys."""

    shared = True

    def __init__(self, url, prefix="practice:readership:"):
        import redis  # only with a Redis URL: the site runs without the package's server too

        self.errors = (redis.ConnectionError, redis.TimeoutError, OSError)
        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
        self.pending = f"{prefix}pending"
        self.batches = f"{prefix}batches"
        self.batch_prefix = f"{prefix}batch:"
        self.window_prefix = f"{prefix}window:"
        self.move_aside = self.client.register_script(MOVE_ASIDE)
        self.outage_logged = False

    def add(self, *keys, amount=1):
        """Adds to pending counts, in one round trip; counts that cannot reach Redis are dropped
        (logged once)."""
        try:
            if len(keys) == 1:
                self.client.hincrby(self.pending, encode(keys[0]), amount)
                return
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.hincrby(self.pending, encode(key), amount)
            pipe.execute()
        except self.errors as error:
            self.note_outage(error)

    def add_to_window(self, name, seconds):
        """Adds one to a counter that expires `seconds` after it was first added to; its new
        value, or 0 when Redis cannot be reached."""
        key = self.window_prefix + name
        try:
            pipe = self.client.pipeline()
            pipe.incr(key)
            pipe.expire(key, seconds, nx=True)
            return pipe.execute()[0]
        except self.errors as error:
            self.note_outage(error)
            return 0

    def note_outage(self, error):
        if not self.outage_logged:
            self.outage_logged = True
            logger.warning(
                "Readership counts are dropped while Redis cannot be reached (%s).", type(error).__name__
            )

    def take_batch(self):
        """Moves the pending counts aside as a new batch (nothing when none are pending)."""
        batch_id = uuid.uuid4().hex
        self.move_aside(keys=[self.pending, self.batch_prefix + batch_id, self.batches], args=[batch_id])

    def open_batches(self):
        """(batch id, {field key: count}) of every batch moved aside and not yet deleted."""
        for batch_id in sorted(self.client.smembers(self.batches)):
            counts = self.client.hgetall(self.batch_prefix + batch_id)
            yield batch_id, {decode(field): int(value) for field, value in counts.items()}

    def close_batch(self, batch_id):
        pipe = self.client.pipeline()
        pipe.delete(self.batch_prefix + batch_id)
        pipe.srem(self.batches, batch_id)
        pipe.execute()

    def keys(self):
        """Every key this store holds (for tests and the privacy check)."""
        return self.client.keys(self.pending.rsplit(":", 1)[0] + ":*")


class MemoryStore:
    """The same interface in this process's memory, for a site without Redis."""

    shared = False

    def __init__(self):
        self.lock = threading.Lock()
        self.pending = {}
        self.batches = {}
        self.windows = {}

    def add(self, *keys, amount=1):
        with self.lock:
            for key in keys:
                self.pending[key] = self.pending.get(key, 0) + amount

    def add_to_window(self, name, seconds):
        now = time.monotonic()
        with self.lock:
            started, value = self.windows.get(name, (now, 0))
            if now - started > seconds:
                started, value = now, 0
            self.windows[name] = (started, value + 1)
            return value + 1

    def take_batch(self):
        with self.lock:
            if self.pending:
                self.batches[uuid.uuid4().hex] = self.pending
                self.pending = {}

    def open_batches(self):
        with self.lock:
            batches = sorted(self.batches.items())
        yield from batches

    def close_batch(self, batch_id):
        with self.lock:
            self.batches.pop(batch_id, None)


def counts_store():
    """This process's store for READERSHIP_REDIS_URL (Redis when set, else memory)."""
    return store_for(settings.READERSHIP_REDIS_URL or "")


@lru_cache(maxsize=4)
def store_for(url):
    return RedisStore(url) if url else MemoryStore()
