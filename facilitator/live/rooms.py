"""Socket.IO rooms: who receives an event with a given audience (see domain.events)."""
from __future__ import annotations

from facilitator.domain.events import Actor


def everyone(cid: int) -> str:
    return f"c:{cid}"


def staff(cid: int) -> str:
    return f"c:{cid}:staff"


def presenters(cid: int) -> str:
    return f"c:{cid}:presenters"


def for_audience(cid: int, audience: str) -> list[str]:
    """The rooms to emit an event to; facilitators see everything."""
    if audience == "all":
        return [everyone(cid)]
    if audience == "facilitators":
        return [staff(cid)]
    if audience == "presenters":
        return [presenters(cid), staff(cid)]
    kind, _, ident = audience.partition(":")
    short = {"participant": "p", "group": "group", "table": "table"}[kind]
    return [f"c:{cid}:{short}:{ident}", staff(cid)]


def of_actor(actor: Actor) -> list[str]:
    """The rooms a connection joins."""
    cid = actor.conference_id
    joined = [everyone(cid)]
    if actor.is_staff:
        joined.append(staff(cid))
    elif actor.role == "presenter":
        joined.append(presenters(cid))
    else:
        joined.append(f"c:{cid}:p:{actor.participant_id}")
        if actor.group_id:
            joined.append(f"c:{cid}:group:{actor.group_id}")
        joined += [f"c:{cid}:table:{t}" for t in actor.table_ids]
    return joined
