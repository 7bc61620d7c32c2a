"""Mixed tables ("max-mix"): every table gets people from as many stakeholder groups as numbers allow.

The deal: shuffle each stakeholder group with a seeded random generator, line the groups up one
after the other, and deal the line round the tables like cards. Each group then lands on
min(size, tables) different tables, group members per table differ by at most one, and table sizes
differ by at most one. The same seed always gives the same tables.
"""
from __future__ import annotations

import math
import random

from facilitator.db import now, row, rows, transaction
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound

DEFAULT_TABLE_SIZE = 8


def mix(people: list[dict], table_size: int = DEFAULT_TABLE_SIZE, seed: int = 0) -> list[list[dict]]:
    """Deal people (dicts with 'id' and 'stakeholder_group_id') into balanced mixed tables."""
    if table_size < 2:
        raise ValueError("table_size must be at least 2")
    if not people:
        return []
    n_tables = math.ceil(len(people) / table_size)
    rng = random.Random(seed)
    by_group: dict = {}
    for p in sorted(people, key=lambda p: p["id"]):
        by_group.setdefault(p.get("stakeholder_group_id"), []).append(p)
    # Largest groups first, so the small groups fill the gaps evenly; ties in a stable order.
    ordered = sorted(by_group.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    line = []
    for _, members in ordered:
        rng.shuffle(members)
        line.extend(members)
    start = rng.randrange(n_tables)
    tables: list[list[dict]] = [[] for _ in range(n_tables)]
    for i, person in enumerate(line):
        tables[(start + i) % n_tables].append(person)
    return tables


def create_tabling(db, conference_id: int, name: str, table_size: int = DEFAULT_TABLE_SIZE,
                   seed: int | None = None) -> int:
    """Mix all participants of the conference into a new set of tables."""
    name = v.text(name, "name", max_len=80)
    table_size = v.integer(table_size, "table_size", minimum=2, maximum=50)
    seed = random.SystemRandom().randrange(1, 10**9) if seed is None else v.integer(seed, "seed", minimum=0)
    people = rows(db, "select id, stakeholder_group_id from participants where conference_id = ?", [conference_id])
    if not people:
        raise DomainError("no_participants", N_("There are no participants to seat at tables yet."))
    dealt = mix(people, table_size, seed)
    with transaction(db):
        tabling_id = db["tablings"].insert(
            {"conference_id": conference_id, "name": name, "table_size": table_size, "seed": seed, "created_at": now()}
        ).last_pk
        for number, members in enumerate(dealt, start=1):
            table_id = db["tables"].insert({"tabling_id": tabling_id, "number": number, "name": f"{number}"}).last_pk
            db["table_members"].insert_all(
                {"table_id": table_id, "participant_id": p["id"], "tabling_id": tabling_id} for p in members
            )
    return tabling_id


def tablings(db, conference_id: int) -> list[dict]:
    return rows(db, "select * from tablings where conference_id = ? order by id desc", [conference_id])


def get_tabling(db, conference_id: int, tabling_id: int) -> dict:
    t = row(db, "select * from tablings where id = ? and conference_id = ?", [tabling_id, conference_id])
    if not t:
        raise NotFound("tables")
    return t


def latest_tabling(db, conference_id: int) -> dict | None:
    return row(db, "select * from tablings where conference_id = ? order by id desc limit 1", [conference_id])


def tables_of(db, tabling_id: int) -> list[dict]:
    """The tables of one tabling, each with its members (name, organisation, group)."""
    tables = rows(db, "select * from tables where tabling_id = ? order by number", [tabling_id])
    members = rows(
        db,
        "select tm.table_id, p.id, p.name, p.organisation, p.stakeholder_group_id, g.name as group_name, "
        "g.colour as group_colour from table_members tm join participants p on p.id = tm.participant_id "
        "left join stakeholder_groups g on g.id = p.stakeholder_group_id where tm.tabling_id = ? "
        "order by g.position, p.name",
        [tabling_id],
    )
    for t in tables:
        t["members"] = [m for m in members if m["table_id"] == t["id"]]
    return tables


def move(db, conference_id: int, tabling_id: int, participant_id: int, table_id: int) -> None:
    """Adjust by hand: seat one participant at another table of the same tabling."""
    get_tabling(db, conference_id, tabling_id)
    if not row(db, "select 1 from tables where id = ? and tabling_id = ?", [table_id, tabling_id]):
        raise NotFound("table")
    if not row(db, "select 1 from participants where id = ? and conference_id = ?", [participant_id, conference_id]):
        raise NotFound("participant")
    with transaction(db):
        db.execute(
            "insert into table_members (table_id, participant_id, tabling_id) values (?, ?, ?) "
            "on conflict(tabling_id, participant_id) do update set table_id = excluded.table_id",
            [table_id, participant_id, tabling_id],
        )


def delete_tabling(db, conference_id: int, tabling_id: int) -> None:
    get_tabling(db, conference_id, tabling_id)
    with transaction(db):
        db.execute("delete from tablings where id = ?", [tabling_id])


def table_of(db, tabling_id: int, participant_id: int) -> dict | None:
    return row(
        db,
        "select t.* from table_members tm join tables t on t.id = tm.table_id "
        "where tm.tabling_id = ? and tm.participant_id = ?",
        [tabling_id, participant_id],
    )


def seat_newcomer(db, tabling_id: int, participant_id: int) -> None:
    """Seat someone who joined after the mix at the smallest table."""
    smallest = row(
        db,
        "select t.id, count(tm.participant_id) n from tables t left join table_members tm on tm.table_id = t.id "
        "where t.tabling_id = ? group by t.id order by n, t.number limit 1",
        [tabling_id],
    )
    if smallest:
        db.execute(
            "insert or ignore into table_members (table_id, participant_id, tabling_id) values (?, ?, ?)",
            [smallest["id"], participant_id, tabling_id],
        )
