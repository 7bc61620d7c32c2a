"""The dot vote on the trend map: each participant has a number of dots (set by the facilitator,
5 by default), may put several on one trend and take them back until the vote closes. Dots show
in the colour of the voter's stakeholder group; results are totals per trend with the split per
stakeholder group, shown live or revealed when the vote closes.

The budget check and the write happen in one ``BEGIN IMMEDIATE`` transaction (the live pipeline
opens it), so two devices of one person voting at the same moment cannot overspend.
"""
from __future__ import annotations

from facilitator.db import row, rows
from facilitator.domain import events, focus, programme
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, ValidationError
from facilitator.domain.events import Actor
from facilitator.domain.trends import get_node

DEFAULT_DOTS = 5
MAX_DOTS = 50
REVEALS = ("live", "close")


def _session(db, conference_id: int, session_id) -> dict:
    session = programme.get_session(db, conference_id, v.integer(session_id, "session_id", minimum=1))
    if session["activity"] != "dot_vote":
        raise ValidationError("session_id", N_("This session is not a dot vote."))
    return session


def vote(db, conference_id: int, session_id) -> dict:
    """The vote of a dot_vote session (created with the defaults on first use)."""
    session = _session(db, conference_id, session_id)
    db.execute("insert or ignore into dot_votes (session_id, conference_id) values (?, ?)", [session["id"], conference_id])
    return row(db, "select session_id, dots, reveal, status from dot_votes where session_id = ?", [session["id"]])


def used(db, session_id: int, participant_id: int) -> int:
    return row(db, "select coalesce(sum(count), 0) n from dots where session_id = ? and participant_id = ?",
               [session_id, participant_id])["n"]


def my_dots(db, session_id: int, participant_id: int) -> dict:
    placed = {str(r["trend_id"]): r["count"] for r in rows(
        db, "select trend_id, count from dots where session_id = ? and participant_id = ?", [session_id, participant_id])}
    return {"session_id": session_id, "dots": placed, "used": sum(placed.values())}


def results(db, session_id: int) -> dict:
    """Totals per trend and the split per stakeholder group (``"0"``: people without a group)."""
    found = rows(
        db,
        "select d.trend_id, coalesce(p.stakeholder_group_id, 0) g, sum(d.count) n from dots d "
        "join participants p on p.id = d.participant_id where d.session_id = ? group by d.trend_id, g",
        [session_id],
    )
    by_trend: dict = {}
    for r in found:
        t = by_trend.setdefault(str(r["trend_id"]), {"total": 0, "groups": {}})
        t["total"] += r["n"]
        t["groups"][str(r["g"])] = r["n"]
    voters = row(db, "select count(distinct participant_id) n from dots where session_id = ?", [session_id])["n"]
    return {"session_id": session_id, "trends": by_trend, "voters": voters}


def results_audience(v_: dict) -> str:
    """Facilitators always see results; the projector while the vote runs if they show live;
    phones once the vote is closed."""
    if v_["status"] == "closed":
        return "all"
    return "presenters" if v_["reveal"] == "live" else "facilitators"


def visible(v_: dict, actor: Actor) -> bool:
    return events.visible_to(actor, results_audience(v_))


def results_event(db, actor: Actor, session_id: int) -> dict:
    """The results of a vote, to whoever may see them now."""
    v_ = row(db, "select session_id, dots, reveal, status from dot_votes where session_id = ?", [session_id])
    return _results_event(db, actor.conference_id, v_, actor)


def _results_event(db, conference_id: int, v_: dict, actor: Actor | None = None) -> dict:
    audience = results_audience(v_)
    return events.append(db, conference_id, "vote.results", results(db, v_["session_id"]), audience=audience, actor=actor)


def _change(db, actor: Actor, data: dict, step: int):
    actor.require_participant()
    v_ = vote(db, actor.conference_id, data.get("session_id"))
    if v_["status"] != "open":
        raise DomainError("vote_closed", N_("The vote is closed."))
    trend = get_node(db, actor.conference_id, data.get("trend_id"), "trend_id")
    if trend["kind"] != "trend":
        raise ValidationError("trend_id", N_("Dots go on trends, not on examples."))
    sid, pid = v_["session_id"], actor.participant_id
    here = row(db, "select count from dots where session_id = ? and participant_id = ? and trend_id = ?",
               [sid, pid, trend["id"]])
    here = here["count"] if here else 0
    if step > 0:
        if used(db, sid, pid) + step > v_["dots"]:
            raise DomainError("no_dots_left", N_("You have used all your dots. Take one back first."))
        db.execute("insert into dots (session_id, participant_id, trend_id, count) values (?, ?, ?, ?) "
                   "on conflict(session_id, participant_id, trend_id) do update set count = count + excluded.count",
                   [sid, pid, trend["id"], step])
    else:
        if here == 0:
            raise DomainError("no_dot_here", N_("You have no dot on this trend."))
        if here == 1:
            db.execute("delete from dots where session_id = ? and participant_id = ? and trend_id = ?", [sid, pid, trend["id"]])
        else:
            db.execute("update dots set count = count - 1 where session_id = ? and participant_id = ? and trend_id = ?",
                       [sid, pid, trend["id"]])
    mine = my_dots(db, sid, pid)
    out = [events.append(db, actor.conference_id, "vote.mine", mine, audience=f"participant:{pid}", actor=actor)]
    return {**mine, "left": v_["dots"] - mine["used"]}, out


def publish_results(db, conference_id: int, session_id: int) -> list[dict]:
    """The results as they stand, to whoever may see them now. Not in each dot's own transaction: the
    live layer runs this after dots, at most once per short window per vote (the activity's
    ``follow_ups``; live/follow_ups.py), each counting every dot placed before it."""
    v_ = row(db, "select session_id, dots, reveal, status from dot_votes where session_id = ? and conference_id = ?",
             [session_id, conference_id])
    if not v_:
        return []
    return [_results_event(db, conference_id, v_)]


def add_dot(db, actor: Actor, data: dict):
    return _change(db, actor, data, +1)


def remove_dot(db, actor: Actor, data: dict):
    return _change(db, actor, data, -1)


def configure(db, actor: Actor, data: dict):
    """The facilitator sets the number of dots per person and when results show."""
    actor.require_staff()
    v_ = vote(db, actor.conference_id, data.get("session_id"))
    values = {}
    if "dots" in data:
        values["dots"] = v.integer(data.get("dots"), "dots", minimum=1, maximum=MAX_DOTS)
        most = row(db, "select coalesce(max(n), 0) m from (select sum(count) n from dots where session_id = ? "
                   "group by participant_id)", [v_["session_id"]])["m"]
        if values["dots"] < most:
            raise ValidationError("dots", N_("Someone already placed %(most)d dots; give at least that many."), most=most)
    if "reveal" in data:
        values["reveal"] = v.choice(data.get("reveal"), "reveal", REVEALS)
    if not values:
        raise ValidationError("dots", N_("Nothing to change."))
    db["dot_votes"].update(v_["session_id"], values)
    return _announce(db, actor, v_["session_id"])


def set_status(db, actor: Actor, data: dict):
    """Close the vote (results go to everyone) or open it again."""
    actor.require_staff()
    v_ = vote(db, actor.conference_id, data.get("session_id"))
    status = v.choice(data.get("status"), "status", ("open", "closed"))
    db["dot_votes"].update(v_["session_id"], {"status": status})
    return _announce(db, actor, v_["session_id"])


def _announce(db, actor: Actor, session_id: int):
    v_ = row(db, "select session_id, dots, reveal, status from dot_votes where session_id = ?", [session_id])
    return dict(v_), [events.append(db, actor.conference_id, "vote.settings", dict(v_), actor=actor),
                      _results_event(db, actor.conference_id, v_, actor)]


def state(db, actor: Actor) -> dict:
    """Every dot vote of the programme (by session id): settings, my dots, and results where this actor
    may see them (phones: after close); ``groups`` gives the stakeholder groups' names and colours."""
    out = {}
    for s in rows(db, "select id from sessions where conference_id = ? and activity = 'dot_vote' order by id",
                  [actor.conference_id]):
        v_ = row(db, "select session_id, dots, reveal, status from dot_votes where session_id = ?", [s["id"]]) or \
            {"session_id": s["id"], "dots": DEFAULT_DOTS, "reveal": "live", "status": "open"}
        entry = {"settings": dict(v_), "results": results(db, s["id"]) if visible(v_, actor) else None}
        if actor.role == "participant":
            entry["mine"] = my_dots(db, s["id"], actor.participant_id)
        out[str(s["id"])] = entry
    return {"groups": focus.groups(db, actor.conference_id), "votes": out}


# --- the report and the sheet (domain/reporting.py) ------------------------------------------------

def report(r) -> list[dict]:
    """Per dot-vote session: the dots per trend and stakeholder group, most first, and a chart."""
    from facilitator.domain import reporting, trends

    _ = r.gettext
    nodes = {n["id"]: n for n in r.once("trend_tree", lambda: trends.tree(r.db, r.cid))["nodes"]}
    sessions = [s for s in programme.sessions(r.db, r.cid) if s["activity"] == "dot_vote"]
    found = [(s, results(r.db, s["id"])) for s in sessions]
    found = [(s, res) for s, res in found if res["trends"]]
    if not found:
        return []
    out = [reporting.heading(_("Dot votes"), 2)]
    groups = r.groups()
    for s, res in found:
        if len(found) > 1:
            out.append(reporting.heading(s["title"], 3))
        ranked = sorted(res["trends"].items(), key=lambda kv: -kv[1]["total"])
        no_group = any("0" in v["groups"] for _k, v in ranked)
        headers = [_("Trend")] + [g["name"] for g in groups] + ([_("No group")] if no_group else []) + [_("Total")]
        keys = [str(g["id"]) for g in groups] + (["0"] if no_group else [])
        narrow = min(1.4, 10.0 / (len(headers) - 1))
        out.append(reporting.table(
            headers, [[nodes.get(int(tid), {}).get("text", "?")] + [v["groups"].get(k, 0) for k in keys] + [v["total"]]
                      for tid, v in ranked],
            widths=[16.6 - narrow * (len(headers) - 1)] + [narrow] * (len(headers) - 1), vertical_from=1))
        out.append(reporting.chart(
            [(nodes.get(int(tid), {}).get("text", "?"), [(g["colour"], v["groups"].get(str(g["id"]), 0)) for g in groups]
              + [("#888888", v["groups"].get("0", 0))]) for tid, v in ranked[:15]],
            [(g["colour"], g["name"]) for g in groups], _("Dots per trend, coloured by stakeholder group.")))
    return out


def sheet(db, cid: int):
    """votes.csv: the dots per session, trend and stakeholder group (never who put them)."""
    columns = ["session", "trend_id", "trend", "stakeholder_group", "dots"]
    found = rows(db, """
        select s.title as session, t.id as trend_id, t.text as trend, coalesce(g.name, '') as grp, sum(d.count) as n
        from dots d join trends t on t.id = d.trend_id join sessions s on s.id = d.session_id
        join participants p on p.id = d.participant_id left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where t.conference_id = ? group by d.session_id, t.id, g.id order by s.position, s.id, n desc, t.id""", [cid])
    return columns, [[r["session"], r["trend_id"], r["trend"], r["grp"], r["n"]] for r in found]
