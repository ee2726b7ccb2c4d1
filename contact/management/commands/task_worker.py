"""`manage.py task_worker`: django-tasks-db's `db_worker` that outlives database outages.

`db_worker` exits on the first OperationalError (PostgreSQL restarted, a failover, the network
gone for ten seconds), and the notifications queued after that wait, unsent, until someone starts
it again. This command takes the same options and runs the same worker, but when the database
cannot be reached it closes its connections, waits (0.5 s, doubling, at most
`--max-retry-delay`) and tries again, for as long as it takes. It logs one error when an outage
begins and one line when the database answers again, not one per try. A supervisor with a
restart policy (deploy/systemd/) still guards against everything else (a crash, the OOM killer).

After an outage it returns to the queue any task it had claimed but could not finish or record:
only this process runs tasks under its worker id, one at a time, so such a task is abandoned,
and every task of the notifications queue is safe to run again (a message is claimed before
it is sent).
"""

import contextlib
import logging
import os
import threading
import time

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django.tasks import TaskResultStatus
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django.utils.module_loading import import_string
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from siteplatform.apps import app_contributions
from siteplatform.checks import stored_data_problems

logger = logging.getLogger("contact.worker")

# What an unreachable or restarting database raises, through Django's wrappers.
DATABASE_DOWN = (OperationalError, InterfaceError)
FIRST_RETRY_DELAY = 0.5


class ResilientWorker(db_worker.Worker):
    """The django-tasks-db worker, run again after every database outage until it is told to
    stop (SIGINT/SIGTERM, `--batch`, `--max-tasks`)."""

    def __init__(self, *, max_retry_delay, **options):
        super().__init__(**options)
        self.max_retry_delay = max_retry_delay

    def run(self):
        outage_began = None
        delay = FIRST_RETRY_DELAY
        while True:
            try:
                if outage_began is not None:
                    requeued = self.requeue_abandoned()  # also the probe: raises while still down
                    logger.warning(
                        "The database answers again after %.0f s; the task worker carries on%s.",
                        time.monotonic() - outage_began,
                        f" and runs again {requeued} task(s) the outage interrupted" if requeued else "",
                    )
                    outage_began, delay = None, FIRST_RETRY_DELAY
                return super().run()
            except DATABASE_DOWN as error:
                if outage_began is None:
                    outage_began = time.monotonic()
                    # The error names the server and its complaint, never a task's arguments.
                    logger.error(
                        "The database cannot be reached (%s: %s); the task worker waits for it and "
                        "carries on when it answers.",
                        type(error).__name__,
                        str(error).strip().splitlines()[0] if str(error).strip() else "no detail",
                    )
                self.close_connections()
                # A signal that arrived during the failed task asked for a graceful stop.
                if not self.running:
                    return None
                self.startup_delay = False  # the herd was spread at start-up already
                time.sleep(delay)
                delay = min(delay * 2, self.max_retry_delay)

    def close_connections(self):
        """Drops every connection this process holds, so the next query opens a fresh one."""
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close()

    def requeue_abandoned(self):
        """Returns to the queue the tasks this worker claimed and never finished; their count."""
        running = DBTaskResult.objects.running().filter(backend_name=self.backend_name)
        mine = [
            result.pk
            for result in running.only("pk", "worker_ids")
            if result.worker_ids and result.worker_ids[-1] == self.worker_id
        ]
        if not mine:
            return 0
        return running.filter(pk__in=mine).update(status=TaskResultStatus.READY)


class WorkerJobs(threading.Thread):
    """Runs the jobs apps list in `worker_jobs` on their AppConfig ((dotted path, seconds), such as
    readership's flush of counts every minute) on their own clock, beside the queue: each at
    start, then every so many seconds. A failure is logged and tried again next time; a job must
    be safe to stop anywhere (the thread dies with the process)."""

    def __init__(self, jobs):
        super().__init__(daemon=True, name="worker-jobs")
        self.jobs = [(path, import_string(path), seconds) for path, seconds in jobs]
        self.due = [0.0] * len(self.jobs)

    def run(self):
        while True:
            self.run_due()
            time.sleep(1)

    def run_due(self):
        """Runs each job whose time has come; returns the paths of those that ran."""
        ran = []
        for index, (path, job, seconds) in enumerate(self.jobs):
            if time.monotonic() < self.due[index]:
                continue
            self.due[index] = time.monotonic() + seconds
            ran.append(path)
            try:
                job()
            except Exception:
                logger.exception("The worker job %s failed; it runs again in %s s.", path, seconds)
            finally:
                close_old_connections()
        return ran


class Command(db_worker.Command):
    help = (
        "Run the database task worker (as db_worker does) and keep it running through database "
        "outages: it reconnects with back-off instead of exiting."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--max-retry-delay",
            type=db_worker.valid_interval,
            default=5.0,
            help="The longest wait, in seconds, between tries to reach the database during an "
            "outage (default: %(default)r); the first wait is 0.5 s and each next one doubles.",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        max_retry_delay,
        **options,
    ):
        self.configure_logging(verbosity)
        # A worker that could not read what it sends about refuses to start (as the site does).
        if problems := stored_data_problems():
            raise CommandError(" ".join(problems))
        if reload and batch:
            logger.warning("--reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            max_retry_delay=max_retry_delay,
        )
        jobs = app_contributions("worker_jobs")
        in_reloader_parent = reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if jobs and not batch and max_tasks is None and not in_reloader_parent:
            WorkerJobs(jobs).start()
        if reload:
            # As db_worker: only the reloader's child process handles the signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
