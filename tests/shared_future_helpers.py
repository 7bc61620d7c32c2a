"""Helpers for the shared-future tests: actors for the sample conference and running a mutation
the way the live pipeline does (inside one transaction)."""
from facilitator.db import rows, transaction
from facilitator.domain import events, tables
from facilitator.domain.events import Actor
from facilitator.live.follow_ups import FollowUps


def run(db, fn, actor, data):
    """The change in one transaction, then what follows its events (a statement's results after an
    answer), each in a transaction of its own, as the live layer does (live/follow_ups.py)."""
    with transaction(db):
        out = fn(db, actor, data)
    new_events = out[1] if isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], list) else []

    def follow(conference_id, fn, value):
        with transaction(db):
            fn(db, conference_id, value)

    FollowUps(None, 0, follow).after(actor.conference_id, new_events)  # window 0: at once, here
    return out


def staff(cid):
    return Actor("facilitator", cid, user_id=1)


def presenter(cid):
    return Actor("presenter", cid)


def person(db, participant_id):
    p = rows(db, "select * from participants where id = ?", [participant_id])[0]
    table_ids = tuple(r["table_id"] for r in rows(db, "select table_id from table_members where participant_id = ?", [p["id"]]))
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"],
                 table_ids=table_ids)


def seat(db, cid):
    """Mixed tables for the sample; returns {table_id: [participant ids]}."""
    tabling_id = tables.create_tabling(db, cid, "Mixed", 8, seed=7)
    return {t["id"]: [m["id"] for m in t["members"]] for t in tables.tables_of(db, tabling_id)}


def one_per_group(db, cid):
    """The first participant of every stakeholder group, as actors, in group order."""
    found = rows(db, "select min(p.id) id from participants p join stakeholder_groups g on g.id = p.stakeholder_group_id "
                     "where p.conference_id = ? group by g.id order by g.position", [cid])
    return [person(db, r["id"]) for r in found]


def count(db, table):
    return db.execute(f"select count(*) from {table}").fetchone()[0]


def seen_by(db, actor, kind_prefix):
    return [e for e in events.since(db, actor, 0) if e["kind"].startswith(kind_prefix)]
