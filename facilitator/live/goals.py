"""The `plan` query of action planning (its events are declared in the activity registry).

The plan is loaded with the query ``plan`` when an action view mounts (not in every state snapshot:
most sessions do not need it), and kept current by the goal., action. and commitment. events.
"""
from facilitator.db import transaction
from facilitator.domain import events, plan
from facilitator.live.pipeline import query


# The last plan read per conference, by event sequence number and number of participants: when the
# room moves to action planning every client asks at once, and they share one read.
_plans: dict[tuple, tuple] = {}


def shared_plan(db, conference_id: int, seq: int) -> dict:
    where = (db.execute("pragma database_list").fetchone()[2], conference_id)
    size = db.execute("select count(*) from participants where conference_id = ?", [conference_id]).fetchone()[0]
    hit = _plans.get(where)
    if hit and hit[0] == (seq, size):
        return hit[1]
    data = plan.plan(db, conference_id)
    if len(_plans) > 100:
        _plans.clear()
    _plans[where] = ((seq, size), data)
    return data


@query("plan")
def plan_query(db, actor, _data):
    """The plan as this actor may see it, with the sequence number it is current to; staff also get the
    confirmed common ground they can turn into goals. The people's names are read fresh every time."""
    with transaction(db):  # one consistent read
        seq = events.last_seq(db, actor.conference_id)
        base = {**shared_plan(db, actor.conference_id, seq), "people": plan.people(db, actor.conference_id)}
        out = plan.for_actor(db, actor, base)
        out["seq"] = seq
        if actor.is_staff:
            out["statements"] = plan.confirmed_statements(db, actor.conference_id)
    return out
