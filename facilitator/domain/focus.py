"""Helpers shared by the past-and-present activities: who belongs where, checked against the
database (not the connection's cached view), and which table or group the projector shows."""
from __future__ import annotations

import functools

from facilitator.db import row, rows
from facilitator.domain import events, room
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound
from facilitator.domain.events import Actor


def while_input_open(fn):
    """Wrap a participant's change so it is refused while the facilitator has closed input
    (staff are not held back: they keep the process going)."""

    @functools.wraps(fn)
    def wrapped(db, actor: Actor, data: dict):
        if not actor.is_staff and not room.input_open(db, actor.conference_id):
            raise DomainError("input_closed", N_("Input is closed at the moment."))
        return fn(db, actor, data)

    return wrapped


def group_of(db, actor: Actor) -> int | None:
    """The stakeholder group the participant belongs to now."""
    if actor.role != "participant":
        return None
    r = row(db, "select stakeholder_group_id from participants where id = ? and conference_id = ?",
            [actor.participant_id, actor.conference_id])
    return r["stakeholder_group_id"] if r else None


def require_group_member(db, actor: Actor, group_id: int) -> None:
    """Only members of a stakeholder group write on its sheets (facilitators own the process, not content)."""
    if actor.role != "participant" or group_of(db, actor) != group_id:
        raise Forbidden(N_("Only members of this group can change its sheet."))


def group_id_from(db, actor: Actor, data: dict) -> int:
    """The group named in ``data`` (participants may leave it out: their own group)."""
    if data.get("group_id") is None and actor.role == "participant":
        gid = group_of(db, actor)
        if gid is None:
            raise Forbidden(N_("You are not in a stakeholder group."))
        return gid
    gid = v.integer(data.get("group_id"), "group_id", minimum=1)
    if not row(db, "select 1 from stakeholder_groups where id = ? and conference_id = ?", [gid, actor.conference_id]):
        raise NotFound("stakeholder group")
    return gid


def groups(db, conference_id: int) -> list[dict]:
    """The stakeholder groups as the screens need them: id, name, colour, in order."""
    return rows(db, "select id, name, colour from stakeholder_groups where conference_id = ? order by position, id",
                [conference_id])


def get(db, conference_id: int, what: str) -> int | None:
    r = row(db, "select value from projector_focus where conference_id = ? and what = ?", [conference_id, what])
    return r["value"] if r else None


def set_focus(db, actor: Actor, what: str, value: int | None, kind: str) -> dict:
    """Store what the projector shows and announce it to everyone (ids only, no content)."""
    db.execute(
        "insert into projector_focus (conference_id, what, value) values (?, ?, ?) "
        "on conflict(conference_id, what) do update set value = excluded.value",
        [actor.conference_id, what, value],
    )
    return events.append(db, actor.conference_id, kind, {"id": value}, actor=actor)


def show_group(db, actor: Actor, data: dict, what: str, kind: str):
    """The facilitator puts one stakeholder group's sheet on the projector (``group_id`` null: all)."""
    actor.require_staff()
    gid = None if data.get("group_id") is None else group_id_from(db, actor, data)
    return {"group_id": gid}, [set_focus(db, actor, what, gid, kind)]


def per_group_state(db, actor: Actor, one, what: str, name: str) -> dict:
    """A snapshot of per-group sheets: a participant gets their own group's, everyone else all;
    with the groups (names, colours) and what the projector shows."""
    all_groups = groups(db, actor.conference_id)
    if actor.role == "participant":
        gid = group_of(db, actor)
        found = [one(db, gid)] if gid else []
    else:
        found = [one(db, g["id"]) for g in all_groups]
    return {name: found, "groups": all_groups, "showing": get(db, actor.conference_id, what)}
