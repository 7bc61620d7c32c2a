"""Rows for every table of a conference, made from the schema alone (for the backup round trip and
the export benchmark): whatever tables exist when the tests run get data, so a table added by a
later migration is covered without changing this file.

Values follow the column's declared type, its CHECK constraints (``col in (...)``, ``between``,
``>``/``>=``) and its references (an id of a row of the same conference in the referenced table).
"""
from __future__ import annotations

import random
import re
import sqlite3

from facilitator.db import now
from facilitator.export import backup

WORDS = ("buurt", "school", "zorg", "werk", "armoede", "samen", "geld", "taal", "sport", "wijk", "jong", "oud")


def _checks(db, table: str) -> dict:
    sql = db.execute("select sql from sqlite_master where name = ?", [table]).fetchone()[0] or ""
    out = {}
    for col, options in re.findall(r"check\s*\(\s*(\w+)\s+in\s*\(([^)]*)\)\s*\)", sql, re.I):
        out[col] = [o.strip().strip("'") for o in options.split(",")]
    for col, low, high in re.findall(r"check\s*\(\s*(\w+)\s+between\s+(-?\d+)\s+and\s+(-?\d+)", sql, re.I):
        out[col] = list(range(int(low), int(high) + 1))
    for col, op, bound in re.findall(r"check\s*\(\s*(\w+)\s*(>=|>)\s*(-?\d+)", sql, re.I):
        out[col] = list(range(int(bound) + (op == ">"), int(bound) + 6))
    return out


def _order(tables: dict) -> list[str]:
    """Tables so that required parents come first (nullable references may point forward)."""
    done, order = set(), []
    pending = [n for n in tables if n != backup.ROOT]
    while pending:
        for name in list(pending):
            t = tables[name]
            needs = {ref for col, ref in t.refs.items() if col in t.notnull and ref in tables and ref != name}
            if needs <= done | {backup.ROOT}:
                order.append(name)
                done.add(name)
                pending.remove(name)
                break
        else:
            raise RuntimeError(f"cannot order tables: {pending}")
    return order


class Filler:
    def __init__(self, db, conference_id: int, seed: int = 7):
        self.db = db
        self.cid = conference_id
        self.rng = random.Random(seed)
        self.tables = backup.schema(db)
        self.ids: dict[str, list] = {}

    def existing(self, table: str) -> list:
        if table == backup.USERS:
            return [r[0] for r in self.db.execute("select id from users")]
        t = self.tables[table]
        key = "id" if t.has_id else (t.pk[0] if t.pk else "rowid")
        cond = backup._owner_filter(self.tables, table)
        return [r[0] for r in self.db.execute(f"select {key} from {backup.q(table)} where {cond}", {"cid": self.cid})]

    def value(self, table, t, col, types, checks, info):
        ref = t.refs.get(col)
        if ref:
            if ref == table and col not in t.notnull:
                pool = self.existing(table)
                return self.rng.choice(pool) if pool and self.rng.random() < 0.5 else None
            pool = self.existing(ref) if ref in self.tables or ref == backup.USERS else []
            return self.rng.choice(pool) if pool else None
        if col in t.kinded:
            return None  # filled in fill(), once the kind is known
        if col in checks:
            return self.rng.choice(checks[col])
        kind = types[col]
        default = info[col]
        if default is not None and str(default).strip("'").startswith(("[", "{")):
            return str(default).strip("'")
        if "int" in kind:
            return self.rng.randint(0, 1) if col.startswith(("is_", "has_")) or default in ("0", "1") else self.rng.randint(1, 40)
        if "real" in kind or "float" in kind:
            return self.rng.random()
        if col.endswith("_at"):
            return now()
        if col in ("date", "when_date", "by_when") or col.endswith("_date"):
            return "2030-0%d-1%d" % (self.rng.randint(1, 9), self.rng.randint(0, 9))
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(2, 7)))

    def fill(self, table: str, n: int) -> int:
        t = self.tables[table]
        cols = [c for c in t.columns if not (t.has_id and c == "id")]
        types = {r[1]: (r[2] or "").lower() for r in self.db.execute(f"pragma table_info({backup.q(table)})")}
        info = {r[1]: r[4] for r in self.db.execute(f"pragma table_info({backup.q(table)})")}
        checks = _checks(self.db, table)
        made = 0
        for attempt in range(n * 6):
            if made >= n:
                break
            values = {c: self.value(table, t, c, types, checks, info) for c in cols}
            if attempt % 2:  # leave optional columns to their defaults (row-level checks)
                values = {c: x for c, x in values.items()
                          if (c in t.notnull and info[c] is None) or c == "conference_id" or self.rng.random() < 0.5}
            if "conference_id" in values and t.refs.get("conference_id") == backup.ROOT:
                values["conference_id"] = self.cid
            for col, (kind_col, by_kind) in t.kinded.items():
                pool = self.existing(by_kind[values[kind_col]]) if values.get(kind_col) in by_kind else []
                values[col] = self.rng.choice(pool) if pool else None
            if any(values.get(c) is None for c in t.notnull if c in values):
                continue
            try:
                self.db.execute("savepoint fill")
                self.db[table].insert(values)
                self.db.execute("release fill")
                made += 1
            except sqlite3.IntegrityError:
                self.db.execute("rollback to fill")
                self.db.execute("release fill")
        return made

    def fill_all(self, counts: dict | None = None, default: int = 3) -> dict:
        counts = counts or {}
        made = {}
        for name in _order(self.tables):
            have = len(self.existing(name))
            want = counts.get(name, default if have == 0 else 0)
            made[name] = self.fill(name, want) if want else 0
        return made


def fill_conference(db, conference_id: int, counts: dict | None = None, default: int = 3, seed: int = 7) -> dict:
    """Add generated rows to every table of the conference that is still empty (or *counts* rows)."""
    made = Filler(db, conference_id, seed).fill_all(counts, default)
    # generated events took random sequence numbers: the conference's counter continues after them
    db.execute("update conferences set last_seq = (select coalesce(max(seq), 0) from events where conference_id = ?) "
               "where id = ?", [conference_id, conference_id])
    return made


def make_plan(db, conference_id: int, n_goals: int = 3, actions_per_goal: int = 4, exclude=(), seed: int = 11) -> dict:
    """Goals, action groups with leads, actions and commitments made through the domain (issue 6),
    from the conference's participants (except *exclude*); returns {"goals": [...], "actions": [...]}."""
    from facilitator.domain import actions, commitments, goals
    from facilitator.domain.events import Actor

    rng = random.Random(seed)
    staff = Actor(role="organiser", conference_id=conference_id)
    people = [r[0] for r in db.execute("select id from participants where conference_id = ? and organisation != '' "
                                       "order by id", [conference_id]) if r[0] not in exclude]
    made = {"goals": [], "actions": []}
    for g in range(n_goals):
        goal = goals.create(db, staff, {"title": f"Goal {g + 1}: " + " ".join(rng.sample(WORDS, 3)),
                                        "description": "Why: " + " ".join(rng.sample(WORDS, 5))})[0]["goal"]
        made["goals"].append(goal)
        group = rng.sample(people, 5)
        for pid in group:
            goals.join(db, staff, {"goal_id": goal["id"], "participant_id": pid})
        goals.set_lead(db, staff, {"goal_id": goal["id"], "participant_id": group[0], "lead": True})
        for a in range(actions_per_goal):
            action = actions.create(db, staff, {
                "goal_id": goal["id"], "what": f"Action {g + 1}.{a + 1} " + " ".join(rng.sample(WORDS, 4)),
                "how": "Budget and volunteers", "when_date": f"2030-0{rng.randint(1, 9)}-15",
                "people": [{"participant_id": group[0], "role": "lead"}, {"participant_id": group[1], "role": "member"},
                           {"organisation": "Wijkraad Noord", "role": "member"}],
            })[0]["action"]
            made["actions"].append(action)
        commitments.make(db, Actor(role="participant", conference_id=conference_id, participant_id=group[2]),
                         {"goal_id": goal["id"], "text": f"I will host meeting {g + 1}", "by_when": "June"})
    return made
