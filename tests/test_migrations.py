"""Migrations upgrade an existing database in place and keep its data."""
import importlib
import sqlite3

from facilitator import db as database


def test_fresh_database_gets_every_migration(tmp_path):
    db = database.open_database(tmp_path / "new.db")
    assert database.applied_migrations(db) == database.available_migrations()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_old_database_is_upgraded_in_place_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    db = database.connect(path)
    # A database as the first release left it: only the first migration applied, with data in it.
    db.execute("create table _migrations (name text primary key, applied_at text not null)")
    first = database.available_migrations()[0]
    with database.transaction(db):
        importlib.import_module(f"facilitator.migrations.{first}").up(db)
        db.execute("insert into _migrations values (?, '2021-01-01')", [first])
        db.execute("insert into conferences (title, timeline_start_year, future_year, join_code, presenter_key, "
                   "created_at, updated_at) values ('Old one', 1990, 2030, 'ABCDEF', 'key', 'x', 'x')")
    db.close()

    db = database.open_database(path)
    assert database.applied_migrations(db) == database.available_migrations()
    assert db.execute("select title from conferences").fetchone()[0] == "Old one"
    # running again is a no-op
    assert database.migrate(db) == []


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "fail.db"
    database.open_database(path).close()
    before = sqlite3.connect(path).execute("select count(*) from _migrations").fetchone()[0]

    import types

    broken = types.ModuleType("facilitator.migrations.m999_broken")

    def up(db):
        db.execute("create table half_done (x)")
        raise RuntimeError("boom")

    broken.up = up
    monkeypatch.setitem(__import__("sys").modules, "facilitator.migrations.m999_broken", broken)
    monkeypatch.setattr(database, "available_migrations", lambda: database.applied_migrations(database.connect(path)) + ["m999_broken"])
    db = database.connect(path)
    try:
        database.migrate(db)
    except RuntimeError:
        pass
    assert "half_done" not in db.table_names()
    assert db.execute("select count(*) from _migrations").fetchone()[0] == before
