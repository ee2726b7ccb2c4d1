"""A TestCase base whose class starts from the demo site (and a media folder of its own).

Loading the demo content takes seconds (pages, revisions, translations, search and reference
index), and some twenty classes need it. The first class in a process loads it with
`load_demo_content`, as `make run` does; what the load changed, the rows of every table it
touched and the image files, is kept in memory as a snapshot, and every later class in the
process gets those rows and files back in its own transaction, rolled back after it as before.
"""

import atexit
import io
import shutil
import tempfile

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings

from readership.services import today


class DemoSiteTestCase(TestCase):
    """The demo site, set up once per class in setUpTestData and rolled back after it."""

    @classmethod
    def setUpClass(cls):
        cls._media_root = tempfile.mkdtemp(prefix="practice-demo-media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media_root)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls._media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        DemoSnapshot.load_into(cls._media_root)


class DemoSnapshot:
    """The tables and media files `load_demo_content` changes, taken once per process and database."""

    _taken = None  # (database, day of the load, {table: rows}, {table: row count}, media folder)

    @classmethod
    def load_into(cls, media_root):
        """The demo site in the current transaction and `media_root`: restored from the snapshot,
        or loaded (and snapshotted) the first time, and again on a new day (readership counts are
        dated from the day they are loaded)."""
        taken = cls._taken
        if taken is None or taken[0] != connection.settings_dict["NAME"] or taken[1] != today():
            cls._take(media_root)
            return
        _, _, tables, counts, media = taken
        tables_of(connection).restore(tables)
        shutil.copytree(media, media_root, dirs_exist_ok=True)
        assert tables_of(connection).counts() == counts, "restoring the demo changed other tables"

    @classmethod
    def _take(cls, media_root):
        tables = tables_of(connection)
        before = tables.read()
        call_command("load_demo_content", stdout=io.StringIO())
        after = tables.read()
        changed = {name: rows for name, rows in after.items() if rows != before.get(name)}
        media = tempfile.mkdtemp(prefix="practice-demo-snapshot-")
        atexit.register(shutil.rmtree, media, True)
        shutil.copytree(media_root, media, dirs_exist_ok=True)
        cls._taken = (connection.settings_dict["NAME"], today(), changed, tables.counts(), media)


def quoted(columns):
    return [f'"{column}"' for column in columns]


def tables_of(connection):
    return PostgresTables(connection) if connection.vendor == "postgresql" else SqliteTables(connection)


class Tables:
    """A database's tables, as a test case snapshots and restores them."""

    def __init__(self, connection):
        self.connection = connection

    def counts(self):
        with self.connection.cursor() as cursor:
            counts = {}
            for table in self.names():
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts


class SqliteTables(Tables):
    """Every ordinary table's rows; the full-text tables follow their index table by triggers."""

    def names(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            tables = cursor.fetchall()
        virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
        derived = {
            f"{name}_{part}" for name in virtual for part in ("data", "idx", "content", "docsize", "config")
        }
        return sorted(
            name
            for name, _ in tables
            if not name.startswith("sqlite_") and name not in virtual + list(derived)
        )

    def columns(self, cursor, table):
        cursor.execute(f'PRAGMA table_xinfo("{table}")')
        return [row[1] for row in cursor.fetchall() if row[6] == 0]  # not generated

    def read(self):
        rows = {}
        with self.connection.cursor() as cursor:
            for table in self.names():
                columns = self.columns(cursor, table)
                # `+column` is the stored value itself, past the converters Django registers by type.
                cursor.execute(f'SELECT {", ".join(f"+{c}" for c in quoted(columns))} FROM "{table}"')
                rows[table] = (columns, sorted(cursor.fetchall(), key=repr))
        return rows

    def restore(self, tables):
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA defer_foreign_keys = ON")  # checked when the test case's checks run
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')
            for table, (columns, rows) in tables.items():
                if rows:
                    names = ", ".join(quoted(columns))
                    marks = ", ".join("%s" for _ in columns)
                    cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


class PostgresTables(Tables):
    """Every table's rows, as COPY writes them (sequences only move forward, so no id is reused)."""

    def names(self):
        return sorted(self.connection.introspection.table_names())

    def columns(self, cursor, table):
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]

    def read(self):
        rows = {}
        with self.connection.cursor() as cursor:
            for table in self.names():
                columns = self.columns(cursor, table)
                out = io.StringIO()
                names = ", ".join(quoted(columns))
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) TO STDOUT', out)
                rows[table] = (columns, sorted(out.getvalue().splitlines(keepends=True)))
        return rows

    def restore(self, tables):
        with self.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')
            for table, (columns, rows) in tables.items():
                if rows:
                    names = ", ".join(quoted(columns))
                    cursor.cursor.copy_expert(
                        f'COPY "{table}" ({names}) FROM STDIN', io.StringIO("".join(rows))
                    )
