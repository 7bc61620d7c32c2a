"""The complete record of one conference as JSON (format ``facilitator.backup/1``), and its restore.

The backup is generic over the schema: every table that belongs to a conference, directly
(a foreign key to ``conferences``) or through a parent row (a foreign key to a table that
belongs), is found from SQLite's own schema, so a table added by a later migration is in the
backup without any change here, as long as it declares its foreign keys.

Restore (:func:`restore`) writes a new conference in one transaction. Row ids are kept where
they are free in the target database (always so in an empty database) and otherwise remapped
per table to new ids; every foreign key is remapped with them. Unique secrets (join code,
projector key, participant tokens) are kept where free, else made anew. docs/export-formats.md
documents the format.
"""
from __future__ import annotations

import base64
import json
import secrets
import sqlite3
from dataclasses import dataclass, field

from facilitator import db as database
from facilitator.db import now, transaction
from facilitator.domain import conferences, definition, participants, shared_texts
from facilitator.domain.errors import N_, ValidationError

FORMAT = "facilitator.backup/1"
ROOT = "conferences"
# Never part of a conference's record: accounts, their sign-in sessions and settings are per
# installation; client_ops is the idempotency cache of the live pipeline (meaningless elsewhere);
# mail_queue is this installation's delivery state (a restored copy must not send the mails again).
EXCLUDED = {"users", "user_sessions", "settings", "client_ops", "_migrations", "mail_queue"}
USERS = "users"
# Columns that point at a row without declaring a foreign key: (table, column) -> referenced table,
# or (column naming the kind, {kind: referenced table}) when the row it points at depends on a kind.
SOFT_REFERENCES = {
    ("conferences", "current_session_id"): "sessions",
    ("goals", "common_ground_id"): "common_ground_statements",
    ("update_reads", "last_update_id"): "action_updates",  # 0: none read yet
    ("common_ground_candidates", "source_id"): ("source_kind", {"trend_response": "trends", "scenario": "scenarios"}),
}
SOFT_REFERENCES[("documents", "ref_id")] = ("kind", shared_texts.references())  # a shared text's row, by kind
# How a unique secret is made anew when its value is taken in the target database.
NEW_UNIQUE = {
    ("conferences", "join_code"): lambda db: conferences.new_join_code(db),
    ("conferences", "presenter_key"): lambda db: conferences.new_presenter_key(),
    ("participants", "token"): lambda db: participants.new_token(),
}


def q(name: str) -> str:
    """A quoted SQL identifier (one table is called ``tables``)."""
    return '"' + name.replace('"', '""') + '"'


# --- the schema, as SQLite describes it --------------------------------------------

@dataclass
class Table:
    name: str
    columns: list[str]
    notnull: set[str]
    pk: list[str]
    refs: dict[str, str] = field(default_factory=dict)  # column -> referenced table (by its id)
    kinded: dict[str, tuple] = field(default_factory=dict)  # column -> (kind column, {kind: table})
    soft: set = field(default_factory=set)  # undeclared references: a value with no row (0) is kept
    unique: list[str] = field(default_factory=list)  # single-column unique text columns

    @property
    def has_id(self) -> bool:
        return self.pk == ["id"]


def _describe(db, name: str) -> Table:
    info = list(db.execute(f"pragma table_info({q(name)})").fetchall())
    columns = [c[1] for c in info]
    pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]]
    t = Table(name, columns, {c[1] for c in info if c[3] or c[5]}, pk)
    for fk in db.execute(f"pragma foreign_key_list({q(name)})").fetchall():
        # (id, seq, table, from, to, on_update, on_delete, match); to is None for "references t"
        t.refs[fk[3]] = fk[2] if fk[4] in (None, "id") else (fk[2], fk[4])
    for (table, column), ref in SOFT_REFERENCES.items():
        if table == name and column in columns:
            t.soft.add(column)
            if isinstance(ref, str):
                t.refs[column] = ref
            else:
                t.kinded[column] = ref
    types = {c[1]: (c[2] or "").lower() for c in info}
    for idx in db.execute(f"pragma index_list({q(name)})").fetchall():
        if idx[2]:  # unique
            cols = [c[2] for c in db.execute(f"pragma index_info({q(idx[1])})").fetchall()]
            if len(cols) == 1 and "int" not in types.get(cols[0], ""):
                t.unique.append(cols[0])
    return t


def schema(db) -> dict[str, Table]:
    """The tables that belong to a conference (the root ``conferences`` first), by name."""
    names = [r[0] for r in db.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")]
    described = {n: _describe(db, n) for n in names if n not in EXCLUDED}
    for t in described.values():
        # A key to another table's non-id column (dots.session_id -> dot_votes.session_id) that is
        # itself a reference by id stands for that reference; any other such key is left as it is.
        for col, ref in list(t.refs.items()):
            if isinstance(ref, tuple):
                target = described.get(ref[0])
                resolved = target.refs.get(ref[1]) if target else None
                if isinstance(resolved, str):
                    t.refs[col] = resolved
                else:
                    del t.refs[col]
    belonging = {ROOT}
    changed = True
    while changed:
        changed = False
        for t in described.values():
            if t.name not in belonging and any(ref in belonging for ref in t.refs.values()):
                belonging.add(t.name)
                changed = True
    ordered = [ROOT] + sorted(belonging - {ROOT})
    return {n: described[n] for n in ordered}


def _owner_filter(tables: dict[str, Table], name: str, seen=()) -> str:
    """SQL condition selecting the rows of *name* that belong to conference ``:cid``."""
    if name == ROOT:
        return "id = :cid"
    t = tables[name]
    parts = []
    for col, ref in sorted(t.refs.items(), key=lambda kv: (kv[0] not in t.notnull, kv[0] != "conference_id")):
        if ref not in tables or ref in seen or ref == name:
            continue
        if ref == ROOT:
            cond = f"{q(col)} = :cid"
        else:
            cond = f"{q(col)} in (select id from {q(ref)} where {_owner_filter(tables, ref, seen + (name,))})"
        if col in t.notnull:
            return cond  # one required parent decides
        parts.append(cond)
    return " or ".join(f"({p})" for p in parts) or "0"


# --- export ---------------------------------------------------------------------------

def export_backup(db, conference_id: int) -> dict:
    """The complete record of one conference as a JSON-ready dict."""
    conferences.get(db, conference_id)  # NotFound when missing
    tables = schema(db)
    emails = {r["id"]: r["email"] for r in db.query("select id, email from users")}
    out_tables = {}
    for name, t in tables.items():
        order = ", ".join(q(c) for c in (t.pk or ["rowid"]))
        cur = db.execute(f"select {', '.join(q(c) for c in t.columns)} from {q(name)} "
                         f"where {_owner_filter(tables, name)} order by {order}", {"cid": conference_id})
        user_cols = [i for i, c in enumerate(t.columns) if t.refs.get(c) == USERS]
        data = []
        for r in cur.fetchall():
            r = [{"$bytes": base64.b64encode(x).decode("ascii")} if isinstance(x, bytes) else x for x in r]
            for i in user_cols:
                if r[i] is not None:
                    r[i] = {"$user": emails.get(r[i])}
            data.append(r)
        out_tables[name] = {"columns": t.columns, "rows": data}
    return {
        "format": FORMAT,
        "exported_at": now(),
        "migrations": database.applied_migrations(db),
        "conference_id": conference_id,
        "definition": definition.export_definition(db, conference_id),
        "tables": out_tables,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- restore --------------------------------------------------------------------------

def is_backup(data) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def _check(db, data: dict, tables: dict[str, Table]) -> None:
    if not is_backup(data):
        raise ValidationError("format", N_("format must be \"%(expected)s\"."), expected=FORMAT)
    applied = set(database.applied_migrations(db))
    missing = [m for m in data.get("migrations", []) if m not in applied]
    if missing:
        raise ValidationError("migrations", N_("The backup needs a newer version of Facilitator (missing %(name)s)."),
                              name=", ".join(missing))
    given = data.get("tables")
    if not isinstance(given, dict) or not isinstance(given.get(ROOT), dict) or len(given[ROOT].get("rows", [])) != 1:
        raise ValidationError("tables", N_("%(name)s must hold exactly one conference."), name="tables")
    for name, block in given.items():
        f = f"tables.{name}"
        if name not in tables:
            raise ValidationError(f, N_("%(name)s is not a table of this database."), name=f)
        if not isinstance(block, dict) or not isinstance(block.get("columns"), list) or not isinstance(block.get("rows"), list):
            raise ValidationError(f, N_("%(name)s must have columns and rows."), name=f)
        unknown = [c for c in block["columns"] if c not in tables[name].columns]
        if unknown:
            raise ValidationError(f, N_("%(name)s has an unknown column %(value)s."), name=f, value=unknown[0])
        if tables[name].has_id and "id" not in block["columns"]:
            raise ValidationError(f, N_("%(name)s lacks the column %(value)s."), name=f, value="id")
        for i, r in enumerate(block["rows"]):
            if not isinstance(r, list) or len(r) != len(block["columns"]):
                raise ValidationError(f"{f}.rows[{i}]", N_("%(name)s does not match the columns."), name=f"{f}.rows[{i}]")


def _taken(db, table: str, column: str, values: list) -> set:
    found = set()
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"select {q(column)} from {q(table)} where {q(column)} in ({marks})", chunk))
    return found


def restore(db, data: dict) -> dict:
    """Write the backup as a new conference; returns {conference_id, rows, skipped}.

    A backup the database refuses (a required column missing, a value of the wrong kind, text that
    is not text) raises ValidationError, and nothing of it is written."""
    try:
        return _restore(db, data)
    except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, UnicodeEncodeError) as exc:
        raise ValidationError("file", N_("The backup cannot be restored: %(error)s"), error=str(exc)[:200]) from None


def _restore(db, data: dict) -> dict:
    tables = schema(db)
    _check(db, data, tables)
    given = {name: data["tables"][name] for name in tables if name in data["tables"]}
    users = {r["email"].lower(): r["id"] for r in db.query("select id, email from users")}
    skipped: dict[str, int] = {}
    with transaction(db):
        db.execute("pragma defer_foreign_keys = on")
        # 1. new ids: kept when every id of the table is free, else the whole table moves past the max.
        idmap: dict[str, dict] = {}
        for name, block in given.items():
            t = tables[name]
            if not t.has_id:
                continue
            pos = block["columns"].index("id")
            old = [r[pos] for r in block["rows"]]
            if not _taken(db, name, "id", old):
                idmap[name] = {i: i for i in old}
            else:
                top = db.execute(f"select coalesce(max(id), 0) from {q(name)}").fetchone()[0]
                idmap[name] = {i: top + n for n, i in enumerate(sorted(old), start=1)}
        # 2. rows, with references and taken unique values rewritten
        counts = {}
        for name, block in given.items():
            t = tables[name]
            cols = block["columns"]
            rows_out = []
            for r in block["rows"]:
                values = {c: base64.b64decode(x["$bytes"]) if isinstance(x, dict) and "$bytes" in x else x
                          for c, x in zip(cols, r)}
                if t.has_id:
                    values["id"] = idmap[name][values["id"]]
                if _remap(values, t, idmap, users):
                    rows_out.append(values)
                else:
                    skipped[name] = skipped.get(name, 0) + 1
            for col in t.unique:
                maker = NEW_UNIQUE.get((name, col), lambda db: secrets.token_urlsafe(16))
                taken = _taken(db, name, col, [v[col] for v in rows_out if v.get(col) is not None])
                for v in rows_out:
                    if v.get(col) in taken:
                        v[col] = maker(db)
            if rows_out:
                db[name].insert_all(rows_out, batch_size=200)
            counts[name] = len(rows_out)
        cid = idmap[ROOT][given[ROOT]["rows"][0][given[ROOT]["columns"].index("id")]]
    return {"conference_id": cid, "rows": counts, "skipped": skipped}


def _remap(values: dict, t: Table, idmap: dict, users: dict) -> bool:
    """Rewrite the row's references in place; False when a required reference cannot be kept."""
    refs = dict(t.refs)
    for col, (kind_col, tables_by_kind) in t.kinded.items():
        if values.get(kind_col) in tables_by_kind:
            refs[col] = tables_by_kind[values[kind_col]]
    for col, ref in refs.items():
        val = values.get(col)
        if val is None:
            continue
        if ref == USERS:
            email = val.get("$user") if isinstance(val, dict) else None
            new = users.get((email or "").lower())
        elif ref in idmap:
            new = idmap[ref].get(val, val if col in t.soft else None)
        else:
            continue  # a table outside the conference: the value is kept as it is
        if new is None and col in t.notnull:
            return False
        values[col] = new
    return True


def restore_text(db, text: str | bytes) -> dict:
    return restore(db, definition.parse(text))
