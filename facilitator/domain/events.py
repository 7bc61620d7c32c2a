"""The event log: every change appends an event with the conference's next sequence number.

Call :func:`append` inside the same transaction as the change it describes, so the change
and its event commit together or not at all. An event has an *audience*, who may see it:

- ``all``: everyone in the conference (participants, facilitators, projector)
- ``facilitators``: organisers and facilitators only
- ``presenters``: the projector screens (and facilitators)
- ``table:<id>``, ``group:<id>``: the people at one table or in one stakeholder group (and facilitators)
- ``participant:<id>``: one participant (and facilitators)

The live layer maps audiences to Socket.IO rooms; the resync after a reconnect uses the same
rule (:func:`visible_to`), so nobody receives, then or later, what they may not see.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from facilitator.db import now
from facilitator.domain.errors import N_, DomainError, Forbidden

STAFF = ("organiser", "facilitator")


# Reads on the live path go straight to the driver: sqlite-utils' query() wraps every SELECT in
# a savepoint, which costs more than the query itself when a note is posted.
def one(db, sql: str, params=()) -> dict | None:
    """The first row as a dict, or None."""
    cursor = db.conn.execute(sql, params)
    r = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], r)) if r else None


def many(db, sql: str, params=()) -> list[dict]:
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def insert(db, table: str, values: dict) -> int:
    """Insert one row; returns its id."""
    cols = ", ".join(values)
    return db.conn.execute(f"insert into {table} ({cols}) values ({', '.join('?' * len(values))})",
                           list(values.values())).lastrowid


@dataclass(frozen=True)
class Actor:
    """Who does something: a participant, a facilitator or organiser, or a projector screen."""

    role: str
    conference_id: int
    participant_id: int | None = None
    user_id: int | None = None
    group_id: int | None = None
    table_ids: tuple = field(default_factory=tuple)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    def require_staff(self) -> None:
        if not self.is_staff:
            raise Forbidden(N_("Only facilitators may do this."))

    def require_participant(self) -> None:
        if self.role != "participant":
            raise Forbidden(N_("Only participants may do this."))

    @property
    def label(self) -> str:
        if self.participant_id:
            return f"participant:{self.participant_id}"
        if self.user_id:
            return f"user:{self.user_id}"
        return self.role


def append(db, conference_id: int, kind: str, data: dict, *, audience: str = "all", actor: Actor | None = None) -> dict:
    """Append one event (inside the caller's transaction); returns it with its sequence number."""
    if not db.conn.in_transaction:
        raise RuntimeError("events.append must run inside the change's transaction")
    seq = db.conn.execute("update conferences set last_seq = last_seq + 1 where id = ? returning last_seq",
                          [conference_id]).fetchone()[0]
    stamp = now()
    db.conn.execute(
        "insert into events (conference_id, seq, kind, audience, data, actor, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        [conference_id, seq, kind, audience, json.dumps(data, ensure_ascii=False), actor.label if actor else None, stamp],
    )
    return {"seq": seq, "kind": kind, "audience": audience, "data": data, "at": stamp}


# Kinds whose event carries the whole of what it describes: a later one with the same audience and
# the same value of this field replaces it, so a client that gets the later one needs no earlier one.
# The fan-out sends only the newest of each in a batch and a resync returns only the newest
# (docs/protocol.md, "Superseded events"). The log keeps them all.
SUPERSEDED = {"statement.results": "statement_id", "vote.results": "session_id"}


def newest_only(found: list[dict]) -> list[dict]:
    """*found* (in seq order) without the events that a later one in it supersedes (SUPERSEDED)."""
    seen: set = set()
    keep = []
    for e in reversed(found):
        field_name = SUPERSEDED.get(e["kind"])
        if field_name is not None:
            key = (e["kind"], e["audience"], e["data"].get(field_name))
            if key in seen:
                continue
            seen.add(key)
        keep.append(e)
    if len(keep) == len(found):
        return found
    keep.reverse()
    return keep


def last_seq(db, conference_id: int) -> int:
    r = one(db, "select last_seq from conferences where id = ?", [conference_id])
    return r["last_seq"] if r else 0


def visible_to(actor: Actor, audience: str) -> bool:
    if actor.is_staff or audience == "all":
        return True
    if audience == "presenters":
        return actor.role == "presenter"
    if actor.role == "presenter":
        return False
    kind, _, ident = audience.partition(":")
    if kind == "participant":
        return str(actor.participant_id) == ident
    if kind == "group":
        return str(actor.group_id) == ident
    if kind == "table":
        return ident in {str(t) for t in actor.table_ids}
    return False


def since(db, actor: Actor, after_seq: int, limit: int = 500) -> list[dict]:
    """The events after ``after_seq`` that this actor may see, oldest first (at most ``limit`` read;
    superseded ones left out)."""
    found = many(
        db,
        "select seq, kind, audience, data, created_at from events where conference_id = ? and seq > ? "
        "order by seq limit ?",
        [actor.conference_id, after_seq, limit],
    )
    return newest_only([
        {"seq": e["seq"], "kind": e["kind"], "audience": e["audience"], "data": json.loads(e["data"]), "at": e["created_at"]}
        for e in found
        if visible_to(actor, e["audience"])
    ])


def count_since(db, conference_id: int, after_seq: int) -> int:
    return one(db, "select count(*) n from events where conference_id = ? and seq > ?", [conference_id, after_seq])["n"]


# --- idempotent operations -------------------------------------------------------------

MAX_OP_ID = 64


def check_op_id(op_id) -> str:
    if not isinstance(op_id, str) or not (8 <= len(op_id) <= MAX_OP_ID) or not op_id.replace("-", "").isalnum():
        raise DomainError("invalid", N_("Every change needs an operation id (a UUID made by the client)."), field="op_id")
    return op_id


def previous_result(db, conference_id: int, sender: str, op_id: str) -> dict | None:
    """The answer already given to this sender's operation, if it was applied before.

    Kept per conference and sender (``Actor.label``): someone else's op id, guessed or seen, is a
    new operation of one's own, never a way to read the answer another person got."""
    r = one(db, "select result from client_ops where conference_id = ? and actor = ? and op_id = ?",
            [conference_id, sender, op_id])
    return json.loads(r["result"]) if r else None


def record_result(db, conference_id: int, sender: str, op_id: str, kind: str, result: dict, seq: int | None) -> None:
    db.execute(
        "insert into client_ops (conference_id, actor, op_id, kind, result, seq, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        [conference_id, sender, op_id, kind, json.dumps(result, ensure_ascii=False), seq, now()],
    )
