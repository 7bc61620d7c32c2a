"""The trend map: a mind map the facilitator builds live while the room calls out trends.

A central topic; trends under it (main branches), sub-trends under those, and examples. When the
facilitator opens proposals, participants may propose trends; the facilitator then places a
proposal in the map, merges it into a trend already there, or sets it aside. Proposals are
anonymous: nobody else learns who proposed what.
"""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import conferences, events
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_TEXT = 120
MAX_TOPIC = 200
MAX_DEPTH = 4  # branch > sub-trend > sub-sub-trend > example
MAX_NODES = 400
KINDS = ("trend", "example")


# --- reading ---------------------------------------------------------------------

def _map(db, conference_id: int) -> dict:
    m = row(db, "select * from trend_maps where conference_id = ?", [conference_id])
    if not m:
        conf = conferences.get(db, conference_id)
        m = {"conference_id": conference_id, "topic": conf["central_question"] or conf["title"], "proposals_open": 0}
    return m


def nodes(db, conference_id: int) -> list[dict]:
    return rows(db, "select id, parent_id, kind, text, position from trends where conference_id = ? order by position, id",
                [conference_id])


def tree(db, conference_id: int) -> dict:
    m = _map(db, conference_id)
    return {"topic": m["topic"], "proposals_open": bool(m["proposals_open"]), "nodes": nodes(db, conference_id)}


def pending(db, conference_id: int) -> list[dict]:
    return rows(db, "select id, text, created_at from trend_proposals where conference_id = ? and status = 'pending' "
                "order by id", [conference_id])


def _proposal_view(p: dict) -> dict:
    return {k: p[k] for k in ("id", "text", "status", "trend_id")}


def get_node(db, conference_id: int, node_id, field: str = "id") -> dict:
    node_id = v.integer(node_id, field, minimum=1)
    node = row(db, "select * from trends where id = ? and conference_id = ?", [node_id, conference_id])
    if not node:
        raise NotFound("trend")
    return node


def depth(db, node: dict | None) -> int:
    """1 for a main branch (under the topic), 2 for its sub-trends, ..."""
    d = 0
    while node is not None:
        d += 1
        node = row(db, "select * from trends where id = ?", [node["parent_id"]]) if node["parent_id"] else None
    return d


# --- events ------------------------------------------------------------------------

def _map_event(db, actor: Actor) -> dict:
    return events.append(db, actor.conference_id, "trend.map", tree(db, actor.conference_id), actor=actor)


def _proposals_event(db, actor: Actor) -> dict:
    return events.append(db, actor.conference_id, "trend.proposals", {"pending": pending(db, actor.conference_id)},
                         audience="facilitators", actor=actor)


def _proposer_event(db, actor: Actor, proposal: dict) -> list[dict]:
    if not proposal["participant_id"]:
        return []
    return [events.append(db, actor.conference_id, "trend.proposal", _proposal_view(proposal),
                          audience=f"participant:{proposal['participant_id']}", actor=actor)]


def subtree(db, node_id: int) -> list[int]:
    """A trend and everything under it."""
    return [r["id"] for r in rows(
        db, "with recursive sub(id) as (select ? union all select t.id from trends t join sub on t.parent_id = sub.id) "
        "select id from sub", [node_id])]


def _touched(db, ids: list[int]) -> dict:
    """Who holds something on these trends: the response sheets and the voters."""
    marks = ",".join("?" * len(ids))
    return {
        "groups": [r["group_id"] for r in rows(db, f"select distinct group_id from trend_responses where trend_id in ({marks})", ids)],
        "voters": [(r["session_id"], r["participant_id"]) for r in rows(
            db, f"select distinct session_id, participant_id from dots where trend_id in ({marks})", ids)],
    }


def _ripple(db, actor: Actor, touched: dict) -> list[dict]:
    """After trends went or merged: the sheets, dots and results that changed with them."""
    from facilitator.domain import dotvotes, trend_responses  # they build on this module

    out = []
    for gid in touched["groups"]:
        out += trend_responses.announce(db, actor, gid)
    for sid, pid in touched["voters"]:
        out.append(events.append(db, actor.conference_id, "vote.mine", dotvotes.my_dots(db, sid, pid),
                                 audience=f"participant:{pid}", actor=actor))
    for sid in sorted({sid for sid, _ in touched["voters"]}):
        out.append(dotvotes.results_event(db, actor, sid))
    return out


# --- the facilitator builds the map --------------------------------------------------

def _parent(db, actor: Actor, data: dict) -> dict | None:
    if data.get("parent_id") is None:
        return None
    parent = get_node(db, actor.conference_id, data.get("parent_id"), "parent_id")
    if parent["kind"] == "example":
        raise ValidationError("parent_id", N_("An example cannot hold other items."))
    if depth(db, parent) >= MAX_DEPTH:
        raise ValidationError("parent_id", N_("The map goes at most %(max)d levels deep."), max=MAX_DEPTH)
    return parent


def _insert(db, actor: Actor, parent: dict | None, text: str, kind: str) -> int:
    if kind == "example" and parent is None:
        raise ValidationError("kind", N_("An example belongs under a trend."))
    count = row(db, "select count(*) n from trends where conference_id = ?", [actor.conference_id])["n"]
    if count >= MAX_NODES:
        raise DomainError("map_full", N_("The map is full (at most %(max)d items)."), max=MAX_NODES)
    position = row(db, "select coalesce(max(position), -1) + 1 p from trends where conference_id = ? and parent_id is ?",
                   [actor.conference_id, parent["id"] if parent else None])["p"]
    return db["trends"].insert({"conference_id": actor.conference_id, "parent_id": parent["id"] if parent else None,
                                "kind": kind, "text": text, "position": position, "created_at": now()}).last_pk


def add(db, actor: Actor, data: dict):
    actor.require_staff()
    parent = _parent(db, actor, data)
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    kind = v.choice(data.get("kind", "trend"), "kind", KINDS)
    node_id = _insert(db, actor, parent, text, kind)
    return {"id": node_id}, [_map_event(db, actor)]


def edit(db, actor: Actor, data: dict):
    actor.require_staff()
    node = get_node(db, actor.conference_id, data.get("id"))
    values = {"text": v.text(data.get("text"), "text", max_len=MAX_TEXT)}
    if "kind" in data:
        values["kind"] = v.choice(data.get("kind"), "kind", KINDS)
        if values["kind"] == "example" and (node["parent_id"] is None or
                                            row(db, "select 1 from trends where parent_id = ?", [node["id"]])):
            raise ValidationError("kind", N_("Only an item under a trend, with nothing under it, can be an example."))
    db["trends"].update(node["id"], values)
    return {"id": node["id"]}, [_map_event(db, actor)]


def move(db, actor: Actor, data: dict):
    actor.require_staff()
    node = get_node(db, actor.conference_id, data.get("id"))
    parent = _parent(db, actor, data)
    walk = parent
    while walk is not None:
        if walk["id"] == node["id"]:
            raise ValidationError("parent_id", N_("An item cannot go under itself."))
        walk = row(db, "select * from trends where id = ?", [walk["parent_id"]]) if walk["parent_id"] else None
    if node["kind"] == "example" and parent is None:
        raise ValidationError("parent_id", N_("An example belongs under a trend."))
    db["trends"].update(node["id"], {"parent_id": parent["id"] if parent else None})
    return {"id": node["id"]}, [_map_event(db, actor)]


def remove(db, actor: Actor, data: dict):
    """Remove a trend with everything under it (and the dots on them)."""
    actor.require_staff()
    node = get_node(db, actor.conference_id, data.get("id"))
    touched = _touched(db, subtree(db, node["id"]))
    db.execute("delete from trends where id = ?", [node["id"]])
    return {"id": node["id"]}, [_map_event(db, actor), *_ripple(db, actor, touched)]


def merge(db, actor: Actor, data: dict):
    """Two trends are the same: the first goes into the second, with its sub-trends, dots and responses."""
    actor.require_staff()
    node = get_node(db, actor.conference_id, data.get("id"))
    into = get_node(db, actor.conference_id, data.get("into_id"), "into_id")
    if into["id"] == node["id"] or into["kind"] == "example":
        raise ValidationError("into_id", N_("Choose another trend to merge into."))
    walk = into
    while walk is not None:  # merging into one's own sub-trend would lose the branch
        if walk["id"] == node["id"]:
            raise ValidationError("into_id", N_("A trend cannot merge into one of its own sub-trends."))
        walk = row(db, "select * from trends where id = ?", [walk["parent_id"]]) if walk["parent_id"] else None
    touched = _touched(db, [node["id"]])
    db.execute("update trends set parent_id = ? where parent_id = ?", [into["id"], node["id"]])
    db.execute(
        "insert into dots (session_id, participant_id, trend_id, count) select session_id, participant_id, ?, count "
        "from dots where trend_id = ? on conflict(session_id, participant_id, trend_id) do update set count = count + excluded.count",
        [into["id"], node["id"]])
    texts = []  # the joined responses' doc.update events
    for r in rows(db, "select * from trend_responses where trend_id = ?", [node["id"]]):
        existing = row(db, "select * from trend_responses where group_id = ? and trend_id = ?", [r["group_id"], into["id"]])
        if existing:
            # Both texts are shared texts (facilitator.domain.shared_texts): the joined text becomes a
            # change to the kept row's documents; the merged-away row goes with its documents.
            from facilitator.domain import shared_texts, trend_responses

            for field, column in trend_responses.FIELDS.items():
                joined = "\n".join(t for t in (existing[column], r[column]) if t)
                if len(joined) > trend_responses.MAX_TEXT:  # nothing a group wrote is cut off
                    raise DomainError("too_long", N_("A group's responses to these trends are too long together "
                                                     "(at most %(max)d characters); shorten one first."),
                                      field="into_id", max=trend_responses.MAX_TEXT)
                texts += shared_texts.set_text(db, actor, f"trend_response:{existing['id']}:{field}", joined,
                                               system=True)[1]
            db.execute("delete from trend_responses where id = ?", [r["id"]])
            shared_texts.forget(db, "trend_response", r["id"])
        else:
            db.execute("update trend_responses set trend_id = ? where group_id = ? and trend_id = ?",
                       [into["id"], r["group_id"], node["id"]])
    db.execute("update trend_proposals set trend_id = ? where trend_id = ?", [into["id"], node["id"]])
    db.execute("delete from trends where id = ?", [node["id"]])
    return {"id": into["id"]}, [_map_event(db, actor), *texts, *_ripple(db, actor, touched)]


def set_topic(db, actor: Actor, data: dict):
    actor.require_staff()
    topic = v.text(data.get("text"), "text", max_len=MAX_TOPIC)
    m = _map(db, actor.conference_id)
    db.execute("insert into trend_maps (conference_id, topic, proposals_open) values (?, ?, ?) "
               "on conflict(conference_id) do update set topic = excluded.topic", [actor.conference_id, topic, m["proposals_open"]])
    return {"topic": topic}, [_map_event(db, actor)]


def set_proposals_open(db, actor: Actor, data: dict):
    actor.require_staff()
    is_open = data.get("open")
    if not isinstance(is_open, bool):
        raise ValidationError("open", N_("%(name)s must be true or false."), name="open")
    m = _map(db, actor.conference_id)
    db.execute("insert into trend_maps (conference_id, topic, proposals_open) values (?, ?, ?) "
               "on conflict(conference_id) do update set proposals_open = excluded.proposals_open",
               [actor.conference_id, m["topic"], int(is_open)])
    return {"open": is_open}, [_map_event(db, actor)]


# --- participants propose, the facilitator decides --------------------------------------

def propose(db, actor: Actor, data: dict):
    actor.require_participant()
    if not _map(db, actor.conference_id)["proposals_open"]:
        raise DomainError("proposals_closed", N_("Proposing trends is not open now."))
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    mine = row(db, "select count(*) n from trend_proposals where participant_id = ? and status = 'pending'",
               [actor.participant_id])["n"]
    if mine >= 10:
        raise DomainError("too_many", N_("Wait until the facilitator has placed your other proposals."))
    pid = db["trend_proposals"].insert({"conference_id": actor.conference_id, "participant_id": actor.participant_id,
                                        "text": text, "status": "pending", "created_at": now()}).last_pk
    proposal = _proposal(db, actor, pid)
    return _proposal_view(proposal), [_proposals_event(db, actor), *_proposer_event(db, actor, proposal)]


def _proposal(db, actor: Actor, proposal_id, pending_only: bool = False) -> dict:
    proposal_id = v.integer(proposal_id, "proposal_id", minimum=1)
    p = row(db, "select * from trend_proposals where id = ? and conference_id = ?", [proposal_id, actor.conference_id])
    if not p:
        raise NotFound("proposal")
    if pending_only and p["status"] != "pending":
        raise DomainError("already_decided", N_("This proposal has already been dealt with."))
    return p


def _decide(db, actor: Actor, p: dict, status: str, trend_id: int | None, map_changed: bool):
    db.execute("update trend_proposals set status = ?, trend_id = ? where id = ?", [status, trend_id, p["id"]])
    p = _proposal(db, actor, p["id"])
    out = [_map_event(db, actor)] if map_changed else []
    out += [_proposals_event(db, actor), *_proposer_event(db, actor, p)]
    return _proposal_view(p), out


def place(db, actor: Actor, data: dict):
    actor.require_staff()
    p = _proposal(db, actor, data.get("proposal_id"), pending_only=True)
    parent = _parent(db, actor, data)
    text = v.text(data.get("text", p["text"]), "text", max_len=MAX_TEXT)
    node_id = _insert(db, actor, parent, text, "trend")
    return _decide(db, actor, p, "placed", node_id, True)


def merge_proposal(db, actor: Actor, data: dict):
    actor.require_staff()
    p = _proposal(db, actor, data.get("proposal_id"), pending_only=True)
    into = get_node(db, actor.conference_id, data.get("into_id"), "into_id")
    return _decide(db, actor, p, "merged", into["id"], False)


def dismiss(db, actor: Actor, data: dict):
    actor.require_staff()
    p = _proposal(db, actor, data.get("proposal_id"), pending_only=True)
    return _decide(db, actor, p, "dismissed", None, False)


def state(db, actor: Actor) -> dict:
    out = tree(db, actor.conference_id)
    if actor.is_staff:
        out["pending"] = pending(db, actor.conference_id)
    elif actor.role == "participant":
        out["my_proposals"] = [_proposal_view(p) for p in rows(
            db, "select * from trend_proposals where participant_id = ? order by id", [actor.participant_id])]
    return out


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """The present (the dot votes, trend responses and prouds and sorries follow as its subsections):
    the trend map as an outline, examples in italics."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    t = r.once("trend_tree", lambda: tree(r.db, r.cid))
    out = [rp.heading(_("The present"), 1), rp.heading(_("The trend map"), 2)]
    if t.get("topic"):
        out.append(rp.para(_("Topic: %(topic)s", topic=t["topic"]), italic=True))
    if not t["nodes"]:
        out.append(rp.para(_("Nothing recorded yet."), italic=True))
    children: dict = {}
    for n in t["nodes"]:
        children.setdefault(n["parent_id"], []).append(n)

    def walk(parent, depth):
        for n in children.get(parent, []):
            out.append(rp.bullets([n["text"]], level=min(depth, 2), italic=n.get("kind") == "example"))
            walk(n["id"], depth + 1)

    walk(None, 0)
    return out
