"""Flushing counts from Redis into the database at least once, into an idempotent upsert: a
worker killed at any step loses no count and doubles none."""

import pytest

from contact.management.commands import task_worker
from readership import services
from readership.models import Count, FlushedBatch
from siteplatform.apps import app_contributions
from tests.readership.conftest import beacon

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """What SIGKILL would do to the worker at this point: nothing after it runs."""


def views(page):
    return Count.objects.filter(metric="view", page_id=page.pk).values_list("count", flat=True).first() or 0


def send(client, count, path="/services/"):
    for _ in range(count):
        assert beacon(client, path).status_code == 204


def test_counts_wait_in_redis_until_the_flush(client, site_tree, redis_counts):
    send(client, 3)
    assert views(site_tree.services) == 0  # no database write per view
    assert services.counts_flush() == 1
    assert views(site_tree.services) == 3
    assert services.counts_flush() == 0  # nothing new: nothing added
    send(client, 2)
    services.counts_flush()
    assert views(site_tree.services) == 5
    assert redis_counts.client.keys("*") == []


def test_killed_after_moving_the_batch_aside(client, site_tree, redis_counts, monkeypatch):
    send(client, 4)
    monkeypatch.setattr(services, "batch_apply", kill)
    with pytest.raises(Killed):
        services.counts_flush()
    monkeypatch.undo()
    send(client, 1)  # a view counted meanwhile goes to the next batch
    services.counts_flush()
    assert views(site_tree.services) == 5


def test_killed_in_the_middle_of_writing_the_batch(client, site_tree, redis_counts, monkeypatch):
    send(client, 4)
    send(client, 2, "/team/")
    written = []

    def upsert_then_die(key, amount):
        if written:
            raise Killed
        written.append(key)
        real_upsert(key, amount)

    real_upsert = services.count_upsert
    monkeypatch.setattr(services, "count_upsert", upsert_then_die)
    with pytest.raises(Killed):
        services.counts_flush()
    monkeypatch.undo()
    assert not Count.objects.exists()  # the transaction never committed
    services.counts_flush()
    assert (views(site_tree.services), views(site_tree.team)) == (4, 2)


def test_killed_after_committing_before_deleting_the_batch(client, site_tree, redis_counts, monkeypatch):
    send(client, 4)
    monkeypatch.setattr(type(redis_counts), "close_batch", kill)
    with pytest.raises(Killed):
        services.counts_flush()
    monkeypatch.undo()
    assert views(site_tree.services) == 4
    assert services.counts_flush() == 0  # the batch is still in Redis, known as added: not again
    assert views(site_tree.services) == 4
    assert redis_counts.client.keys("*") == []
    assert FlushedBatch.objects.count() == 1


def test_two_workers_flushing_the_same_batch_add_it_once(client, site_tree, redis_counts):
    send(client, 3)
    redis_counts.take_batch()
    [(batch_id, counts)] = list(redis_counts.open_batches())
    assert services.batch_apply(batch_id, counts) is True
    assert services.batch_apply(batch_id, counts) is False
    assert views(site_tree.services) == 3


def kill(*args, **kwargs):
    raise Killed


def test_the_task_worker_flushes_every_minute_and_tidies_every_six_hours(
    client, site_tree, redis_counts, monkeypatch
):
    # The worker drops its connection between jobs; here that connection holds the test's transaction.
    monkeypatch.setattr(task_worker, "close_old_connections", lambda: None)
    jobs = task_worker.WorkerJobs(
        [job for job in app_contributions("worker_jobs") if job[0].startswith("readership.")]
    )
    send(client, 2)
    assert jobs.run_due() == ["readership.services.counts_flush", "readership.services.counts_tidy"]
    assert views(site_tree.services) == 2
    send(client, 1)
    assert jobs.run_due() == []  # not yet a minute later
    jobs.due = [0.0, jobs.due[1]]
    assert jobs.run_due() == ["readership.services.counts_flush"]
    assert views(site_tree.services) == 3
