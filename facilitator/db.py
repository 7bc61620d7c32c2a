"""The data layer: SQLite through sqlite-utils, with WAL, a busy timeout,
foreign keys and in-place migrations.

Every write that belongs together goes through :func:`transaction`, which
takes the write lock at once (``BEGIN IMMEDIATE``) so that concurrent writers
queue on the busy timeout instead of failing half-way.
"""
from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from facilitator import migrations as migrations_package

BUSY_TIMEOUT_SECONDS = 10


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open the database at *path* (``":memory:"`` for tests) ready for use."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    # Autocommit at the driver level: a transaction is only ever opened
    # explicitly, by transaction() or by sqlite-utils' own atomic().
    conn.isolation_level = None
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
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


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Connect and bring the schema up to date."""
    db = connect(path)
    migrate(db)
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
