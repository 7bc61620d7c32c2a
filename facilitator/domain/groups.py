"""Stakeholder groups: the homogeneous groups of the whole system (name, colour)."""
from __future__ import annotations

import re
import unicodedata

from facilitator.db import row, rows, transaction
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound

# Used when a group is added without a colour: distinct, readable on white.
PALETTE = ["#1b6ca8", "#e07a1f", "#2a9d5c", "#c0392b", "#7b4fa0", "#b58900", "#0f8b8d", "#d1495b", "#5c6b73"]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "group"


def list_for(db, conference_id: int) -> list[dict]:
    return rows(
        db,
        "select g.*, (select count(*) from participants p where p.stakeholder_group_id = g.id) as size "
        "from stakeholder_groups g where conference_id = ? order by position, id",
        [conference_id],
    )


def get(db, conference_id: int, group_id: int) -> dict:
    g = row(db, "select * from stakeholder_groups where id = ? and conference_id = ?", [group_id, conference_id])
    if not g:
        raise NotFound("stakeholder group")
    return g


def by_key(db, conference_id: int, key: str) -> dict | None:
    return row(db, "select * from stakeholder_groups where conference_id = ? and key = ?", [conference_id, key])


def add(db, conference_id: int, name: str, colour: str | None = None, key: str | None = None) -> int:
    name = v.text(name, "name", max_len=80)
    existing = list_for(db, conference_id)
    colour = v.colour(colour, "colour") if colour else PALETTE[len(existing) % len(PALETTE)]
    key = v.text(key, "key", max_len=60) if key else slug(name)
    taken = {g["key"] for g in existing}
    base, n = key, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    with transaction(db):
        return db["stakeholder_groups"].insert(
            {"conference_id": conference_id, "key": key, "name": name, "colour": colour, "position": len(existing)}
        ).last_pk


def update(db, conference_id: int, group_id: int, name: str, colour: str) -> None:
    get(db, conference_id, group_id)
    values = {"name": v.text(name, "name", max_len=80), "colour": v.colour(colour, "colour")}
    with transaction(db):
        db["stakeholder_groups"].update(group_id, values)


def delete(db, conference_id: int, group_id: int) -> None:
    group = get(db, conference_id, group_id)
    members = row(db, "select count(*) n from participants where stakeholder_group_id = ?", [group_id])["n"]
    if members:
        raise DomainError(
            "group_not_empty",
            N_("%(name)s still has %(count)d participants; move them to another group first."),
            name=group["name"],
            count=members,
        )
    with transaction(db):
        db.execute("delete from stakeholder_groups where id = ?", [group_id])
