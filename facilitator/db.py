"""The data layer: SQLite through sqlite-utils, with WAL, a busy timeout,
foreign keys and in-place migrations.

Every write that belongs together goes through :func:`transaction`, which
takes the write lock at once (``BEGIN IMMEDIATE``) so that concurrent writers
queue instead of failing half-way.

Waiting for the lock is cooperative. SQLite's own busy timeout sleeps inside C, and under gevent
nothing else in the process runs meanwhile: one other writer (a CLI import, ``create-user``, a
second server process) froze every page and socket of the server for as long as it held the lock.
So SQLite's busy timeout is 0 here, and :class:`CooperativeConnection` retries a statement that
found the database locked, sleeping with ``time.sleep`` (gevent's, once the server has
monkey-patched it) between tries, for at most ``BUSY_TIMEOUT_SECONDS``. Only statements run outside
a transaction are retried (``BEGIN IMMEDIATE`` among them), so a retry never repeats half a
transaction; a plain ``BEGIN`` (sqlite-utils' ``atomic()``) is taken as ``BEGIN IMMEDIATE``, so its
writes cannot find the lock taken half-way either.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from facilitator import migrations as migrations_package

BUSY_TIMEOUT_SECONDS = 10  # how long a statement waits for another writer before "database is locked"
# How long SQLite itself may wait inside C (blocking the whole gevent process). 0: never; the
# waiting is done by CooperativeConnection. (benchmarks/locked_db.py sets the old 10 s as baseline.)
C_BUSY_TIMEOUT_MS = int(os.environ.get("FACILITATOR_C_BUSY_TIMEOUT_MS", "0"))
RETRY_PAUSES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05)  # then 0.05 s between tries
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
_PLAIN_BEGIN = {"begin", "begin transaction", "begin deferred", "begin deferred transaction"}


def is_locked(exc: BaseException) -> bool:
    """Whether an error means another connection holds the lock (worth waiting for)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


class CooperativeConnection(sqlite3.Connection):
    """A connection whose statements wait for a locked database by sleeping cooperatively."""

    def execute(self, sql, parameters=(), /):
        if self.in_transaction:
            return super().execute(sql, parameters)
        if sql.strip().rstrip(";").strip().lower() in _PLAIN_BEGIN:
            sql = "BEGIN IMMEDIATE"
        return self._retry(super().execute, sql, parameters)

    def executemany(self, sql, parameters, /):
        if self.in_transaction:
            return super().executemany(sql, parameters)
        return self._retry(super().executemany, sql, list(parameters))

    def _retry(self, run, sql, parameters):
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        tries = 0
        while True:
            try:
                return run(sql, parameters)
            except sqlite3.OperationalError as exc:
                if not is_locked(exc) or self.in_transaction or time.monotonic() >= deadline:
                    raise
            time.sleep(RETRY_PAUSES[min(tries, len(RETRY_PAUSES) - 1)])  # gevent's sleep in the server
            tries += 1


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open the database at *path* (``":memory:"`` for tests) ready for use."""
    conn = sqlite3.connect(
        str(path), timeout=C_BUSY_TIMEOUT_MS / 1000, check_same_thread=False, factory=CooperativeConnection
    )
    # Autocommit at the driver level: a transaction is only ever opened
    # explicitly, by transaction() or by sqlite-utils' own atomic().
    conn.isolation_level = None
    db = sqlite_utils.Database(conn)
    conn.execute(f"PRAGMA busy_timeout = {C_BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted and overwritten content is zeroed in the file, not left in free space (erasure).
    conn.execute("PRAGMA secure_delete = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return db


@contextmanager
def transaction(db: sqlite_utils.Database):
    """One write transaction; nested calls become savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


@contextmanager
def read_transaction(db: sqlite_utils.Database):
    """One consistent read (WAL: a snapshot as of the first statement) that never waits for the
    write lock, so it goes on while another process writes. Writes inside it are refused."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN DEFERRED -- read only")  # not turned into BEGIN IMMEDIATE (see execute)
    try:
        db.conn.execute("PRAGMA query_only = ON")
        yield db
    finally:
        db.conn.execute("PRAGMA query_only = OFF")
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")


def forget_deleted(db: sqlite_utils.Database, tries: int = 50) -> bool:
    """Leave no copy of deleted or overwritten content in the files (after an erasure).

    ``secure_delete`` (on for every connection) zeroes what is deleted from now on; VACUUM rewrites
    the whole file, so free pages and content deleted before are gone too; a TRUNCATE checkpoint
    copies the WAL into the database and empties it (the WAL holds every page as it was written).
    Returns False when a reader kept the WAL from being emptied within ``tries`` attempts.
    """
    if db.conn.in_transaction:
        raise RuntimeError("forget_deleted runs outside a transaction")
    if db.execute("pragma database_list").fetchone()[2] == "":
        return True  # in memory: no file
    db.conn.execute("VACUUM")
    for attempt in range(tries):
        busy = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        time.sleep(RETRY_PAUSES[min(attempt, len(RETRY_PAUSES) - 1)])
    return False


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# --- migrations -----------------------------------------------------------

def available_migrations() -> list[str]:
    """Migration module names in the order they apply (mNNN_name)."""
    names = [
        m.name
        for m in pkgutil.iter_modules(migrations_package.__path__)
        if m.name.startswith("m") and m.name[1:4].isdigit()
    ]
    return sorted(names)


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    if "_migrations" not in db.table_names():
        return []
    return [r["name"] for r in db.query("select name from _migrations order by name")]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction.

    Returns the names applied now. Safe to call on every start.
    """
    db.conn.execute(
        "create table if not exists _migrations (name text primary key, applied_at text not null)"
    )
    done = set(applied_migrations(db))
    applied = []
    for name in available_migrations():
        if name in done:
            continue
        module = importlib.import_module(f"{migrations_package.__name__}.{name}")
        with transaction(db):
            module.up(db)
            db.execute(
                "insert into _migrations (name, applied_at) values (?, ?)", [name, now()]
            )
        applied.append(name)
    return applied


class DatabaseUnusable(Exception):
    """The database cannot be used as it is (read-only file, folder or disk); the message says
    which file and what to do, for the person starting the server."""


SQLITE_READONLY, SQLITE_CANTOPEN = 8, 14


def check_writable(path: str | Path) -> None:
    """Refuse, with a clear message, a database the server could not write.

    A read-only database ended in a traceback at the first write; a shared-memory file (``-shm``)
    the server may not write (left by another user, e.g. root) can even end it with SIGBUS once
    SQLite maps it. So the files are checked before SQLite opens them."""
    if str(path) == ":memory:":
        return
    db_file = Path(path).resolve()
    folder = db_file.parent
    shm, wal = Path(f"{db_file}-shm"), Path(f"{db_file}-wal")
    if shm.exists() and not os.access(shm, os.W_OK):
        raise DatabaseUnusable(
            f"The database's shared-memory file {shm} cannot be written by this user. It was probably left "
            f"by a Facilitator started as another user (for example root). Stop every Facilitator that uses "
            f"this database, then delete {shm} (SQLite makes it again), or give this user write access to it.")
    for f in (db_file, wal):
        if f.exists() and not os.access(f, os.W_OK):
            raise DatabaseUnusable(
                f"The database file {f} is read-only for this user. Give the user that runs Facilitator "
                f"write access to it (and to its folder {folder}), or start with --db (FACILITATOR_DB) "
                f"pointing to a writable place.")
    if not os.access(folder, os.W_OK):
        raise DatabaseUnusable(
            f"The folder {folder} of the database cannot be written by this user; SQLite needs to make "
            f"its journal files there. Give the user that runs Facilitator write access to that folder, "
            f"or start with --db (FACILITATOR_DB) pointing to a writable place.")


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Connect and bring the schema up to date; DatabaseUnusable when the files cannot be written."""
    check_writable(path)
    try:
        db = connect(path)
        migrate(db)
    except sqlite3.OperationalError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in str(exc):
            raise DatabaseUnusable(
                f"The database {path} cannot be written ({exc}). Check that the file, its -wal and -shm "
                f"files and its folder are writable by the user that runs Facilitator, and that the disk "
                f"is not read-only.") from None
        raise
    return db


def row(db: sqlite_utils.Database, sql: str, params=()) -> dict | None:
    """The first row of a query as a dict, or None."""
    for r in db.query(sql, params):
        return r
    return None


def rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    return list(db.query(sql, params))


def setting(db: sqlite_utils.Database, key: str, default=None):
    r = row(db, "select value from settings where key = ?", [key])
    return r["value"] if r else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "insert into settings (key, value) values (?, ?) "
        "on conflict(key) do update set value = excluded.value",
        [key, value],
    )
