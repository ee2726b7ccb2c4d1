"""The database half of a backup, with each engine's own tools: SQLite's online backup API (safe
while the site writes) and PostgreSQL's pg_dump / pg_restore in their custom format.

django-dbbackup (5.4) was considered: it declares Django up to 6.0, encrypts with GPG rather than
the site's data keys and writes the database and the media as separate files, so the two calls
below are used directly.
"""

import glob
import os
import shutil
import sqlite3
import subprocess

from django.db import connection
from django.db.migrations.loader import MigrationLoader

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# PostgreSQL's tools when they are not on PATH (Debian's packages install them here).
POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"


class DatabaseError(Exception):
    """A dump or a restore failed; the message says which tool and why, without data."""


def vendor():
    if connection.vendor not in DUMP_NAMES:
        raise DatabaseError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def table_count():
    """How many tables the database has: a restore wants none."""
    return len(connection.introspection.table_names())


def migration_heads():
    """{app label: the newest migration applied}, as recorded in the database."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = set(loader.applied_migrations)
    heads = {}
    for app, name in sorted(applied):
        node = loader.graph.node_map.get((app, name))
        children = node.children if node else set()
        if not any(child in applied and child[0] == app for child in children):
            heads[app] = name
    return heads


def unknown_migrations(heads):
    """The archive's migration heads that this code does not have (the archive is newer)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in heads.items() if (app, name) not in loader.graph.nodes)


def dump(path):
    """Write a consistent copy of the database to `path`."""
    if vendor() == "sqlite":
        if connection.in_atomic_block:  # SQLite's backup would wait forever on its own write lock
            raise DatabaseError("A SQLite backup cannot run inside a transaction.")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _run_postgres("pg_dump", "--format=custom", f"--file={path}")


def load(path, *, replace=False):
    """Load the copy at `path` into this site's database (empty unless `replace`)."""
    if vendor() == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        clean = ["--clean", "--if-exists"] if replace else []
        _run_postgres(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *clean,
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        )
    connection.close()


def postgres_tool(name):
    """The path of pg_dump or pg_restore: on PATH, else the newest Debian cluster's."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"{POSTGRES_BIN_GLOB}/{name}"),
        key=lambda path: int(path.split("/")[-3]) if path.split("/")[-3].isdigit() else 0,
    )
    if not candidates:
        raise DatabaseError(f"{name} was not found: install PostgreSQL's client tools (postgresql-client).")
    return candidates[-1]


def _run_postgres(tool, *args):
    """Run a PostgreSQL client tool on this site's database (connection from Django's settings)."""
    settings_dict = connection.settings_dict
    _, client_env = connection.client.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(client_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    result = subprocess.run(  # noqa: S603 - the tool's path and our own arguments
        [postgres_tool(tool), *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
