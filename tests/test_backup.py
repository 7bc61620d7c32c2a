"""The JSON backup (facilitator.backup/1): complete, generic over the schema, and restored exactly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from export_data import fill_conference, make_plan
from facilitator import db as database
from facilitator.cli import cli
from facilitator.domain import definition, tables, users
from facilitator.domain.errors import ValidationError
from facilitator.export import backup

SAMPLE = Path(__file__).resolve().parent.parent / "facilitator" / "samples" / "helmond-2021.json"


@pytest.fixture
def full(db, sample_id, admin):
    """The sample conference with its organiser, a plan, and generated rows in every table."""
    from facilitator.domain import conferences

    conferences.add_member(db, sample_id, admin["id"], "organiser")
    tables.create_tabling(db, sample_id, "Mixed tables")
    make_plan(db, sample_id)
    fill_conference(db, sample_id)
    return sample_id


def without_stamp(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_every_conference_table_is_in_the_backup_with_rows(db, full):
    data = backup.export_backup(db, full)
    in_db = {r[0] for r in db.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")}
    assert set(data["tables"]) == in_db - backup.EXCLUDED - {"_migrations"}
    empty = [name for name, block in data["tables"].items() if not block["rows"]]
    assert empty == []
    assert data["format"] == "facilitator.backup/1"
    assert data["definition"]["format"] == definition.FORMAT
    assert data["migrations"] == database.applied_migrations(db)
    # the organiser's account is named by e-mail, never by a local user id
    team = data["tables"]["conference_users"]
    assert team["rows"][0][team["columns"].index("user_id")] == {"$user": "admin@example.org"}


def test_every_id_column_is_a_known_reference(db):
    """A column that points at another row must be a declared foreign key or listed in SOFT_REFERENCES,
    or restore cannot remap it (this fails when a migration adds an undeclared one)."""
    unknown = []
    for name, t in backup.schema(db).items():
        for col in t.columns:
            if col.endswith("_id") and col not in t.refs and col not in t.kinded:
                unknown.append(f"{name}.{col}")
    assert unknown == []


def test_restore_into_an_empty_database_gives_the_same_backup(db, full, tmp_path):
    first = backup.export_backup(db, full)
    target = database.open_database(str(tmp_path / "empty.db"))
    users.create_or_update(target, "admin@example.org", "another password", "Admin")  # accounts are per installation
    result = backup.restore(target, json.loads(backup.dumps(first)))
    assert result["skipped"] == {}
    again = backup.export_backup(target, result["conference_id"])
    # In an empty database ids, tokens, join code and projector key are all free, so all are kept:
    # only the time of export differs.
    assert without_stamp(again) == without_stamp(first)
    assert target.execute("pragma foreign_key_check").fetchall() == []


def _canonical(data: dict) -> dict:
    """The backup with row ids replaced by their rank in the table, references likewise, and the
    values that are made anew when taken (join code, projector key, tokens) blanked."""
    tables_ = data["tables"]
    rank = {}
    for name, block in tables_.items():
        if "id" in block["columns"]:
            pos = block["columns"].index("id")
            rank[name] = {r[pos]: n for n, r in enumerate(sorted(block["rows"], key=lambda r: r[pos]))}
    schema = backup.schema(database.open_database(":memory:"))
    out = {}
    for name, block in tables_.items():
        t = schema[name]
        cols = block["columns"]
        new_rows = []
        for r in block["rows"]:
            values = dict(zip(cols, r))
            if "id" in values and t.has_id:
                values["id"] = rank[name][values["id"]]
            refs = dict(t.refs)
            for col, (kind_col, by_kind) in t.kinded.items():
                if values.get(kind_col) in by_kind:
                    refs[col] = by_kind[values[kind_col]]
            for col, ref in refs.items():
                if values.get(col) is not None and ref in rank and not (col in t.soft and values[col] == 0):
                    values[col] = rank[ref][values[col]]
            for col in t.unique:
                values[col] = "(made anew)"
            if name == "events":
                values["data"] = values["actor"] = "(ids inside are not remapped)"
            new_rows.append(values)
        out[name] = sorted(new_rows, key=lambda v: json.dumps(v, sort_keys=True))
    return out


def test_restore_next_to_the_original_remaps_ids_and_makes_new_secrets(db, full):
    first = backup.export_backup(db, full)
    result = backup.restore(db, first)
    new_id = result["conference_id"]
    assert new_id != full
    again = backup.export_backup(db, new_id)
    assert _canonical(again) == _canonical(first)
    old_tokens = {r[0] for r in db.execute("select token from participants where conference_id = ?", [full])}
    new_tokens = {r[0] for r in db.execute("select token from participants where conference_id = ?", [new_id])}
    assert len(new_tokens) == len(old_tokens) == 75 and not old_tokens & new_tokens
    codes = db.execute("select join_code, presenter_key from conferences where id in (?, ?)", [full, new_id]).fetchall()
    assert codes[0][0] != codes[1][0] and codes[0][1] != codes[1][1]
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_a_missing_account_skips_only_the_team_row(db, full, tmp_path):
    target = database.open_database(str(tmp_path / "empty.db"))
    result = backup.restore(target, backup.export_backup(db, full))
    assert result["skipped"] == {"conference_users": 1}
    assert result["rows"]["participants"] == 75


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(format="facilitator.backup/9"), "format"),
    (lambda d: d["tables"].update(nonsense={"columns": [], "rows": []}), "tables.nonsense"),
    (lambda d: d["tables"]["participants"]["columns"].append("shoe_size"), "tables.participants"),
    (lambda d: d["tables"]["participants"]["rows"][0].pop(), "tables.participants.rows[0]"),
    (lambda d: d["migrations"].append("m999_future"), "migrations"),
])
def test_a_bad_backup_is_refused_and_nothing_is_written(db, full, change, field):
    data = backup.export_backup(db, full)
    change(data)
    before = db.execute("select count(*) from conferences").fetchone()[0]
    with pytest.raises(ValidationError) as err:
        backup.restore(db, data)
    assert err.value.field == field
    assert db.execute("select count(*) from conferences").fetchone()[0] == before


def test_cli_export_then_import_into_an_empty_database(db, full, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_EXPORTS", str(tmp_path / "exports"))
    runner = CliRunner()
    out = tmp_path / "backup.json"
    result = runner.invoke(cli, ["export", str(full), "--format", "json", "--out", str(out), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "exports").glob("*-backup-*.json"))) == 1
    empty = tmp_path / "restored.db"
    result = runner.invoke(cli, ["import", str(out), "--db", str(empty)])
    assert result.exit_code == 0, result.output
    assert "Imported conference" in result.output
    restored = database.open_database(str(empty))
    count = restored.execute("select count(*) from notes").fetchone()[0]
    assert count == db.execute("select count(*) from notes where conference_id = ?", [full]).fetchone()[0] > 0
    # a definition file still imports as before
    result = runner.invoke(cli, ["import", str(SAMPLE), "--db", str(empty)])
    assert result.exit_code == 0, result.output
    assert restored.execute("select count(*) from conferences").fetchone()[0] == 2


def test_cli_export_docx_and_csv(db, full, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_EXPORTS", str(tmp_path / "exports"))
    runner = CliRunner()
    for fmt, kind, suffix in (("docx", "plan", ".docx"), ("docx", "report", ".docx"), ("csv", "plan", ".zip")):
        out = tmp_path / f"out-{kind}{suffix}"
        result = runner.invoke(cli, ["export", str(full), "--format", fmt, "--kind", kind, "--out", str(out), "--db", db_path])
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:2] == b"PK"
    assert len(list((tmp_path / "exports").iterdir())) == 3
    result = runner.invoke(cli, ["export", "999", "--db", db_path])
    assert result.exit_code == 1 and "Not found" in result.output


def test_a_backup_from_an_older_schema_restores_with_defaults(db, full, tmp_path):
    """A backup made before a migration added a table or a column still restores: the missing table
    stays empty, the missing column takes its default."""
    data = backup.export_backup(db, full)
    data["migrations"] = data["migrations"][:-1]
    del data["tables"]["update_reads"]
    block = data["tables"]["statements"]
    pos = block["columns"].index("anonymous")
    block["columns"].pop(pos)
    for r in block["rows"]:
        r.pop(pos)
    target = database.open_database(str(tmp_path / "empty.db"))
    result = backup.restore(target, data)
    cid = result["conference_id"]
    assert result["rows"]["statements"] == len(block["rows"]) > 0
    assert {r[0] for r in target.execute("select anonymous from statements where conference_id = ?", [cid])} == {1}
    assert target.execute("select count(*) from update_reads").fetchone()[0] == 0
