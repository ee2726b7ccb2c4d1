"""A real running site for end-to-end tests: its own database, gunicorn, and a task worker.

`LiveSite` makes a fresh database (a SQLite file, or a new PostgreSQL database on the
server DATABASE_URL points at), migrates it, loads the demo content, and serves it with
gunicorn in a separate process, as production does. Tests talk to it over HTTP only.
"""

import contextlib
import fcntl
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The data key of sites these tools start (tests, bench, screenshots): local only, never a real one.
LOCAL_DATA_KEY = "bG9jYWwtc2l0ZXMtb25seS1kYXRhLWtleS0wMTIzNDU="


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def run_postgres_admin(url, sql):
    """Run one statement (CREATE/DROP DATABASE) on the server of `url`, outside any transaction."""
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


class LiveSite:
    """A site served by gunicorn on 127.0.0.1 with its own fresh database.

    env: extra environment for every process of the site (e.g. EMAIL_URL).
    worker: also run `manage.py task_worker`, which sends queued notifications.
    demo: load the demo content before serving.
    """

    def __init__(
        self, *, env=None, worker=False, demo=True, demo_args=(), collectstatic=False, workers=2, threads=4
    ):
        self.tmp = Path(tempfile.mkdtemp(prefix="practice-live-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.worker = worker
        self.demo = demo
        self.demo_args = list(demo_args)
        self.collectstatic = collectstatic
        self.gunicorn_args = ["--workers", str(workers), "--threads", str(threads)]
        self._pg_name = None
        self._processes = {}
        self.extra_hosts = []  # base URLs of start_extra_host()'s gunicorns
        base = os.environ.get("DATABASE_URL", "")
        if base.startswith(("postgres://", "postgresql://")):
            self._pg_base = base
            self._pg_name = f"practice_live_{uuid.uuid4().hex[:12]}"
            database_url = urlunsplit(urlsplit(base)._replace(path=f"/{self._pg_name}"))
        else:
            database_url = f"sqlite:///{self.tmp / 'db.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.tmp / "media"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": self.url,
            "EMAIL_URL": "console://",
            "PYTHONUNBUFFERED": "1",
            # What the site encrypts (siteplatform/data_keys.py): the caller's keys, else a local one.
            "DATA_KEYS": os.environ.get("DATA_KEYS") or LOCAL_DATA_KEY,
            "DJANGO_SUPERUSER_PASSWORD": "live-site-admin-password",
            **(env or {}),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    # Lifecycle -----------------------------------------------------------------

    def start(self):
        if self.collectstatic:
            self.manage("collectstatic", "--noinput", "-v0")
        # A copy of the run's template is migrated already (build() migrated the template):
        # another `migrate` would change nothing and cost a Django start per site.
        if DatabaseTemplate.enabled():
            DatabaseTemplate.copy_into(self)
        else:
            self.build()
        self.start_server()
        if self.worker:
            self.start_worker()
        return self

    def start_server(self):
        self._spawn("server", self._gunicorn_command(self.port))
        self.wait_until_ready()

    def start_extra_host(self, *, worker=True):
        """Serve this site from one more app host: another gunicorn, with the same environment
        and so the same database, cache and mail server, on a free port of its own, and its own
        `task_worker` when `worker`. Its processes are "host2", "host2-worker" (then "host3", …);
        `stop()` stops them with the rest. Returns its base URL."""
        name = f"host{len(self.extra_hosts) + 2}"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self.extra_hosts.append(url)
        self._spawn(name, self._gunicorn_command(port))
        self.wait_until_ready(name=name, url=url)
        if worker:
            self.start_worker(f"{name}-worker")
        return url

    def _gunicorn_command(self, port):
        return [
            str(BIN / "gunicorn"),
            "siteplatform.wsgi",
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            *self.gunicorn_args,
        ]

    def start_worker(self, name="worker"):
        """Start a `task_worker` as process `name` (another name for a second worker)."""
        self._spawn(
            name,
            [
                sys.executable,
                "manage.py",
                "task_worker",
                "--backend",
                "notifications",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
        )

    def process(self, name):
        """The running process `name` ("server", "worker", or an extra host's), or None."""
        return self._processes.get(name)

    def stop_process(self, name):
        process = self._processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def kill_process(self, name):
        """SIGKILL one process, as a crash or the OOM killer would: nothing of it cleans up."""
        process = self._processes.pop(name)
        process.kill()
        process.wait()

    def stop(self):
        for name in list(self._processes):
            self.stop_process(name)
        if self._pg_name:
            try:
                run_postgres_admin(self._pg_base, f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
            except Exception as error:  # noqa: BLE001
                print(f"could not drop {self._pg_name}: {error}", file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def build(self):
        """Migrate this site's fresh database and load the demo content when asked."""
        self.create_database()
        self.manage("migrate", "--noinput", "-v0")
        if self.demo:
            self.manage("load_demo_content", *self.demo_args, timeout=1800)

    def create_database(self):
        """Make this site's database, empty (PostgreSQL; a SQLite file appears on first use)."""
        if self._pg_name:
            run_postgres_admin(self._pg_base, f'CREATE DATABASE "{self._pg_name}"')

    def restore(self, template):
        """Give this site a copy of the template's database and media."""
        if self._pg_name:
            run_postgres_admin(
                self._pg_base, f'CREATE DATABASE "{self._pg_name}" TEMPLATE "{template._pg_name}"'
            )
        else:
            for path in template.tmp.glob("db.sqlite3*"):
                shutil.copy2(path, self.tmp / path.name)
        if (template.tmp / "media").exists():
            shutil.copytree(template.tmp / "media", self.tmp / "media", dirs_exist_ok=True)

    # Helpers -------------------------------------------------------------------

    def manage(self, *args, check=True, timeout=600):
        """Run a manage.py command against this site's database; return its stdout."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def query(self, sql, params=()):
        """Rows of one SELECT on this site's own database: a quick look at its state without
        starting a `manage.py shell` (use `shell` to change things through the models)."""
        if self._pg_name:
            import psycopg2

            parts = urlsplit(self.env["DATABASE_URL"])
            connection = psycopg2.connect(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=parts.username or "postgres",
                password=parts.password or None,
                dbname=self._pg_name,
            )
        else:
            connection = sqlite3.connect(self.tmp / "db.sqlite3", timeout=30)
        try:
            cursor = connection.cursor()
            cursor.execute(sql.replace("?", "%s") if self._pg_name else sql, params)
            return cursor.fetchall()
        finally:
            connection.close()

    def shell(self, code):
        """Run Python code in `manage.py shell` against this site's database."""
        return self.manage("shell", "--no-imports", "-c", code)

    def create_user(self, username, password, *, superuser=False, groups=()):
        self.shell(
            "from django.contrib.auth import get_user_model\n"
            "from django.contrib.auth.models import Group, Permission\n"
            "User = get_user_model()\n"
            f"user = User.objects.create_user({username!r}, {username + '@example.org'!r}, {password!r},"
            f" is_superuser={superuser!r}, is_staff=True)\n"
            "user.user_permissions.add(Permission.objects.get(codename='access_admin'))\n"
            f"for name in {list(groups)!r}:\n"
            "    user.groups.add(Group.objects.get(name=name))\n"
        )

    def log(self, name="server"):
        path = self.tmp / f"{name}.log"
        return path.read_text() if path.exists() else ""

    def wait_until_ready(self, timeout=60, *, name="server", url=None):
        url = url or self.url
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self._processes.get(name)
            if process and process.poll() is not None:
                raise RuntimeError(f"the live server exited:\n{self.log(name)}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the live server did not answer within {timeout}s:\n{self.log(name)}")

    def _spawn(self, name, command):
        log = open(self.tmp / f"{name}.log", "a")  # noqa: SIM115
        self._processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )


class DatabaseTemplate:
    """A migrated database (with the demo content when asked) built once per test run and
    copied for every LiveSite that wants the same content: a SQLite file copy or PostgreSQL's
    `CREATE DATABASE … TEMPLATE`, instead of migrating and loading the demo each time.

    Shared by the xdist workers of one run through a directory named after the run, with a
    file lock so one worker builds while the others wait. `drop_all()` removes them.
    """

    RUN_VARIABLE = "PRACTICE_LIVE_TEMPLATES_RUN"

    @classmethod
    def start_run(cls):
        """Turn templates on for this process and the xdist workers it starts."""
        os.environ.setdefault(cls.RUN_VARIABLE, uuid.uuid4().hex[:12])

    @classmethod
    def enabled(cls):
        return bool(os.environ.get(cls.RUN_VARIABLE))

    @classmethod
    def run_dir(cls):
        return Path(tempfile.gettempdir()) / f"practice-live-templates-{os.environ[cls.RUN_VARIABLE]}"

    @classmethod
    def copy_into(cls, site):
        """Give `site` a copy of the template for its database kind and content, building the
        template first if this run has none yet. Under a lock: PostgreSQL copies a template
        only while nobody else uses it."""
        key = ("pg-" if site._pg_name else "sqlite-") + (
            "demo-" + "-".join(site.demo_args) if site.demo else "empty"
        )
        key = "".join(char if char.isalnum() or char == "-" else "_" for char in key)
        folder = cls.run_dir() / key
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            template = LiveSite(demo=site.demo, demo_args=site.demo_args)
            shutil.rmtree(template.tmp, ignore_errors=True)
            template.tmp = folder
            template.env["MEDIA_ROOT"] = str(folder / "media")
            if template._pg_name:
                template._pg_name = f"practice_tmpl_{folder.parent.name[-12:]}_{key}"[:63].lower()
                template.env["DATABASE_URL"] = urlunsplit(
                    urlsplit(template._pg_base)._replace(path=f"/{template._pg_name}")
                )
            else:
                template.env["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
            if not (folder / "built").exists():
                template.build()
                (folder / "built").write_text(template._pg_name or "sqlite")
            site.restore(template)

    @classmethod
    def drop_all(cls):
        """Remove this run's templates (call once, when every worker is done)."""
        if not cls.enabled():
            return
        folder = cls.run_dir()
        base = os.environ.get("DATABASE_URL", "")
        for marker in folder.glob("*/built"):
            name = marker.read_text()
            if name != "sqlite" and base.startswith(("postgres://", "postgresql://")):
                with contextlib.suppress(Exception):
                    run_postgres_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def redis_url(database):
    """A Redis database of this machine's server for one pytest-xdist worker: `database` for the
    first worker, the next one for the second, and so on. Two workers running the same module at
    once (each with its own sites) would otherwise share, and flush, each other's cache."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"redis://127.0.0.1:6379/{database + int(worker.removeprefix('gw') or 0)}"
