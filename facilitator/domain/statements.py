"""Statements ("stellingen"): the facilitator puts them up, everyone answers, the room sees the split.

A statement is a ``draft`` (prepared, invisible to participants), ``open`` (answers taken) or
``closed`` (answers frozen). One answer per person per statement: answering again replaces the
answer while the statement is open. Results (counts, and the split per stakeholder group) are
shown live or only once revealed; facilitators always see them. Reasons are shown without names
when the statement is anonymous (the default).

Every mutation here has the live signature ``fn(db, actor, data) -> (result, events)`` and runs
inside the pipeline's transaction.
"""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError

SCALES = ("agree", "scale5")
ANSWERS = {"agree": ("agree", "disagree", "pass"), "scale5": ("1", "2", "3", "4", "5", "pass")}
# Agreement in [-1, 1]; "pass" does not count towards a score.
SCORE = {"agree": 1.0, "disagree": -1.0, "1": -1.0, "2": -0.5, "3": 0.0, "4": 0.5, "5": 1.0}
MAX_TEXT = 500
MAX_REASON = 280
MAX_IDS = 100
REASONS_SHOWN = 60
# What the phone says before a participant sends a reason (a message key; the phone translates it)
NAMES_NOTICE = {True: N_("Your reason is shown without your name."),
                False: N_("Everyone will see your name with your reason.")}


# --- reading -----------------------------------------------------------------------

def get(db, conference_id: int, statement_id: int) -> dict:
    s = row(db, "select * from statements where id = ? and conference_id = ?", [statement_id, conference_id])
    if not s:
        raise NotFound("statement")
    return s


def list_for(db, conference_id: int) -> list[dict]:
    return rows(db, "select * from statements where conference_id = ? order by position, id", [conference_id])


def results_visible(s: dict) -> bool:
    return s["state"] != "draft" and (s["results"] == "live" or bool(s["revealed"]))


def results(db, s: dict) -> dict:
    """Counts overall and per stakeholder group, agreement scores, and the reasons given.

    Counted by SQLite (one grouped query) and the newest reasons read with a limit: every answer
    sends the results again, so their cost must not grow with the number of answers (a vote by
    2,000 people; docs/performance.md)."""
    choices = ANSWERS[s["scale"]]
    counted = events.many(
        db,
        "select p.stakeholder_group_id as group_id, a.answer, count(*) as n "
        "from statement_answers a join participants p on p.id = a.participant_id "
        "where a.statement_id = ? group by p.stakeholder_group_id, a.answer",
        [s["id"]],
    )
    group_rows = events.many(db, "select id, name, colour from stakeholder_groups where conference_id = ? "
                                 "order by position, id", [s["conference_id"]])
    by_group = {g["id"]: {"group_id": g["id"], "name": g["name"], "colour": g["colour"]} for g in group_rows}
    for c in counted:
        by_group.setdefault(c["group_id"], {"group_id": c["group_id"], "name": "", "colour": "#888888"})
    counts_of = {gid: {} for gid in by_group}
    overall: dict = {}
    for c in counted:
        counts_of[c["group_id"]][c["answer"]] = c["n"]
        overall[c["answer"]] = overall.get(c["answer"], 0) + c["n"]
    for gid, entry in by_group.items():
        entry.update(_tally(counts_of[gid], choices))
    newest = events.many(
        db,
        "select a.answer, a.reason, p.name, p.hide_name, p.stakeholder_group_id as group_id "
        "from statement_answers a join participants p on p.id = a.participant_id "
        "where a.statement_id = ? and a.reason <> '' order by a.updated_at desc, a.participant_id desc limit ?",
        [s["id"], REASONS_SHOWN],
    )
    reasons = [
        {"text": a["reason"], "answer": a["answer"]}
        | ({} if s["anonymous"] else {"name": a["name"] if not a["hide_name"] else "", "group_id": a["group_id"]})
        for a in reversed(newest)
    ]
    return {**_tally(overall, choices), "groups": list(by_group.values()), "reasons": reasons}


def _tally(found: dict[str, int], choices) -> dict:
    """Total, counts per answer (every choice, 0 included) and the mean agreement score of *found*
    (answer -> how many)."""
    counts = {c: found.get(c, 0) for c in choices}
    scored = [(SCORE[c], n) for c, n in found.items() if c in SCORE and n]
    weight = sum(n for _score, n in scored)
    return {"total": sum(found.values()), "counts": counts,
            "score": round(sum(score * n for score, n in scored) / weight, 3) if weight else None}


def highlights(results_by_id: dict[int, dict]) -> dict:
    """The statement with the most agreement across all groups, and the most divisive one.

    Agreement across all groups: the highest *lowest* group score (every group leans to agree),
    and it must be above zero. Divisive: the widest gap between the most and the least agreeing
    group (at least two groups answered), and it must be above zero. Passes do not count.
    """
    common = divisive = None
    best_floor, best_gap = 0.0, 0.0
    for sid, r in sorted(results_by_id.items()):
        scores = [g["score"] for g in r["groups"] if g["score"] is not None]
        if not scores:
            continue
        floor = min(scores)
        if floor > best_floor:
            common, best_floor = sid, floor
        if len(scores) >= 2:
            gap = max(scores) - min(scores)
            if gap > best_gap:
                divisive, best_gap = sid, gap
    return {"common": common, "divisive": divisive}


def public_highlights(db, conference_id: int, known: dict[int, dict] | None = None) -> dict:
    """The highlights of the statements whose results the room sees (*known*: results already
    counted, by statement id)."""
    known = known or {}
    return highlights({s["id"]: known.get(s["id"]) or results(db, s)
                       for s in list_for(db, conference_id) if results_visible(s)})


def view(db, s: dict, actor) -> dict:
    """One statement as this actor may see it."""
    out = {k: s[k] for k in ("id", "text", "scale", "state", "results", "position")}
    out["revealed"] = bool(s["revealed"])
    out["anonymous"] = bool(s["anonymous"])
    out["answered"] = row(db, "select count(*) n from statement_answers where statement_id = ?", [s["id"]])["n"]
    if actor.is_staff or results_visible(s):
        out["result"] = results(db, s)
    if actor.role == "participant":
        mine = row(db, "select answer, reason from statement_answers where statement_id = ? and participant_id = ?",
                   [s["id"], actor.participant_id])
        out["mine"] = mine
    # in every view (also the room's events): a statement opened later still says it before anyone answers
    out["names_notice"] = NAMES_NOTICE[bool(s["anonymous"])]
    return out


def state(db, actor) -> dict:
    """The snapshot part: staff see every statement with results; others what is put up."""
    found = list_for(db, actor.conference_id)
    if not actor.is_staff:
        found = [s for s in found if s["state"] != "draft"]
    return {"statements": [view(db, s, actor) for s in found],
            "highlights": public_highlights(db, actor.conference_id)}


# --- changing ----------------------------------------------------------------------

def _ids(data) -> list[int]:
    ids = data.get("ids")
    if not isinstance(ids, list) or not ids or len(ids) > MAX_IDS:
        raise ValidationError("ids", N_("%(name)s must be a list of 1 to %(max)d statements."), name="ids", max=MAX_IDS)
    return list(dict.fromkeys(v.integer(i, "ids", minimum=1) for i in ids))


def flag(data, key: str, default):
    """data[key] as true or false (``default`` when missing); anything else is an error."""
    value = data.get(key, default)
    if value is not None and not isinstance(value, bool):
        raise ValidationError(key, N_("%(name)s must be true or false."), name=key)
    return value


def _audience(s: dict) -> str:
    return "facilitators" if s["state"] == "draft" else "all"


def _public_event(db, cid, kind, s, actor) -> dict:
    """An event about one statement, with results only where everyone in its audience may see them.

    Clients merge it into what they have, so facilitators keep the results they already hold."""
    viewer = _Staff(cid) if s["state"] == "draft" else _Viewer(cid)
    data = {"statement": view(db, s, viewer), "highlights": public_highlights(db, cid)}
    return events.append(db, cid, kind, data, audience=_audience(s), actor=actor)


class _Viewer:
    """Someone who sees only what is public (used to build events for the whole room)."""
    role = "presenter"
    is_staff = False

    def __init__(self, conference_id):
        self.conference_id = conference_id


class _Staff(_Viewer):
    role = "facilitator"
    is_staff = True


def add(db, actor, data) -> tuple[dict, list]:
    """Type a statement live (it starts as a draft)."""
    actor.require_staff()
    text = v.text(data.get("text"), "text", max_len=MAX_TEXT)
    scale = v.choice(data.get("scale", "agree"), "scale", SCALES)
    cid = actor.conference_id
    position = row(db, "select coalesce(max(position), -1) + 1 p from statements where conference_id = ?", [cid])["p"]
    sid = db["statements"].insert({"conference_id": cid, "text": text, "scale": scale, "position": position}).last_pk
    s = get(db, cid, sid)
    return {"id": sid}, [_public_event(db, cid, "statement.added", s, actor)]


def edit(db, actor, data) -> tuple[dict, list]:
    """Change wording or scale, as long as nobody has answered yet."""
    actor.require_staff()
    s = get(db, actor.conference_id, v.integer(data.get("id"), "id", minimum=1))
    text = v.text(data.get("text", s["text"]), "text", max_len=MAX_TEXT)
    scale = v.choice(data.get("scale", s["scale"]), "scale", SCALES)
    if row(db, "select 1 from statement_answers where statement_id = ?", [s["id"]]):
        raise DomainError("has_answers", N_("People have answered this statement already; add a new one instead."))
    db["statements"].update(s["id"], {"text": text, "scale": scale})
    s = get(db, actor.conference_id, s["id"])
    return {"id": s["id"]}, [_public_event(db, actor.conference_id, "statement.changed", s, actor)]


def remove(db, actor, data) -> tuple[dict, list]:
    """Delete a draft nobody answered (a typing mistake)."""
    actor.require_staff()
    s = get(db, actor.conference_id, v.integer(data.get("id"), "id", minimum=1))
    if s["state"] != "draft":
        raise DomainError("not_draft", N_("Only a statement that was never put up can be deleted."))
    db.execute("delete from statements where id = ?", [s["id"]])
    return {"id": s["id"]}, [events.append(db, actor.conference_id, "statement.removed", {"id": s["id"]},
                                           audience="facilitators", actor=actor)]


def put_up(db, actor, data) -> tuple[dict, list]:
    """Open statements for answers: one at a time (``only``: close the others) or as a set."""
    actor.require_staff()
    cid = actor.conference_id
    ids = _ids(data)
    found = [get(db, cid, i) for i in ids]
    results_mode = data.get("results")
    if results_mode is not None:
        v.choice(results_mode, "results", ("live", "reveal"))
    anonymous = flag(data, "anonymous", None)
    only = flag(data, "only", False)
    out = []
    if only:
        for s in rows(db, "select * from statements where conference_id = ? and state = 'open'", [cid]):
            if s["id"] not in ids:
                out += _set_state(db, actor, s, "closed")
    for s in found:
        changes = {"state": "open", "opened_at": now()}
        if results_mode is not None:
            changes["results"] = results_mode
        if anonymous is not None:
            changes["anonymous"] = int(anonymous)
        db["statements"].update(s["id"], changes)
        out.append(_public_event(db, cid, "statement.opened", get(db, cid, s["id"]), actor))
    return {"ids": ids}, out


def _set_state(db, actor, s, new_state) -> list:
    db["statements"].update(s["id"], {"state": new_state, "closed_at": now()})
    return [_public_event(db, actor.conference_id, "statement." + new_state, get(db, actor.conference_id, s["id"]), actor)]


def close(db, actor, data) -> tuple[dict, list]:
    """Stop taking answers; the answers given stay."""
    actor.require_staff()
    found = [get(db, actor.conference_id, i) for i in _ids(data)]
    if any(s["state"] != "open" for s in found):
        raise DomainError("not_open", N_("Only open statements can be closed."))
    out = []
    for s in found:
        out += _set_state(db, actor, s, "closed")
    return {"ids": [s["id"] for s in found]}, out


def reveal(db, actor, data) -> tuple[dict, list]:
    """Show the results of statements that were put up with results on reveal."""
    actor.require_staff()
    cid = actor.conference_id
    found = [get(db, cid, i) for i in _ids(data)]
    if any(s["state"] == "draft" for s in found):
        raise DomainError("not_put_up", N_("Put the statement up before revealing its results."))
    out = []
    for s in found:
        db["statements"].update(s["id"], {"revealed": 1})
        out.append(_public_event(db, cid, "statement.revealed", get(db, cid, s["id"]), actor))
    return {"ids": [s["id"] for s in found]}, out


def answer(db, actor, data) -> tuple[dict, list]:
    """A participant's answer, with an optional short reason; replaces an earlier one while open."""
    actor.require_participant()
    cid = actor.conference_id
    s = get(db, cid, v.integer(data.get("statement_id"), "statement_id", minimum=1))
    if s["state"] == "draft":
        raise NotFound("statement")
    if s["state"] != "open":
        raise DomainError("statement_closed", N_("This statement is closed; answers can no longer change."))
    choice = data.get("answer")
    if isinstance(choice, int) and not isinstance(choice, bool):
        choice = str(choice)
    choice = v.choice(choice, "answer", ANSWERS[s["scale"]])
    reason = v.text(data.get("reason", ""), "reason", max_len=MAX_REASON, required=False)
    db.execute(
        "insert into statement_answers (statement_id, participant_id, answer, reason, updated_at) values (?, ?, ?, ?, ?) "
        "on conflict(statement_id, participant_id) do update set answer = excluded.answer, reason = excluded.reason, "
        "updated_at = excluded.updated_at",
        [s["id"], actor.participant_id, choice, reason, now()],
    )
    mine = {"statement_id": s["id"], "answer": choice, "reason": reason}
    return mine, [events.append(db, cid, "statement.answer", mine, audience=f"participant:{actor.participant_id}",
                                actor=actor)]


def publish_results(db, conference_id: int, statement_id: int) -> list[dict]:
    """The results as they stand, for the room (counts only until revealed) and for the facilitators.

    Not part of an answer's own transaction: the live layer runs this after answers, in a
    transaction of its own, at once after a quiet spell and then at most once per short window per
    statement (the activity's ``follow_ups``; live/follow_ups.py). Each one counts every answer
    committed before it, so a vote by 2,000 people costs a few counts a second, not 2,000."""
    try:
        s = get(db, conference_id, statement_id)
    except NotFound:  # removed meanwhile
        return []
    if s["state"] == "draft":
        return []
    payload = {"statement_id": s["id"], "answered": row(db, "select count(*) n from statement_answers where statement_id = ?", [s["id"]])["n"]}
    result = results(db, s)
    if results_visible(s):
        payload |= {"result": result, "highlights": public_highlights(db, conference_id, {s["id"]: result})}
        return [events.append(db, conference_id, "statement.results", payload, audience="all")]
    return [events.append(db, conference_id, "statement.results", payload, audience="all"),
            events.append(db, conference_id, "statement.results", payload | {"result": result}, audience="facilitators")]


# --- the report and the sheet (domain/reporting.py) ------------------------------------------------

def report(r) -> list[dict]:
    """The answers per stakeholder group, of the statements whose results the room saw."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    shown = [s for s in list_for(r.db, r.cid) if results_visible(s)]
    if not shown:
        return []
    out = [rp.heading(_("Statements"), 1), rp.para(_("Answers per stakeholder group."))]
    for n, s in enumerate(shown, start=1):
        res = results(r.db, s)
        choices = list(res["counts"])
        head = [_("Stakeholder group")] + [_(rp.ANSWERS[c]) if c in rp.ANSWERS else c for c in choices] + [_("Score")]

        def line(name, tally):
            score = "" if tally["score"] is None else f"{tally['score']:+.2f}"
            return [name] + [tally["counts"].get(c, 0) for c in choices] + [score]

        out += [rp.heading(f"{n}. {s['text']}", 2),
                rp.table(head, [line(g["name"] or _("No group"), g) for g in res["groups"] if g["total"]]
                         + [line(_("Everyone"), res)])]
    return out


def sheet(db, cid: int):
    """statement_answers.csv: the participant only when the statement was not anonymous."""
    from facilitator.domain.reporting import shown_name

    columns = ["statement_id", "statement", "scale", "answer", "reason", "stakeholder_group", "participant", "updated_at"]
    found = rows(db, """
        select st.id, st.text, st.scale, st.anonymous, a.answer, a.reason, a.updated_at, g.name as grp, p.name, p.hide_name
        from statement_answers a join statements st on st.id = a.statement_id
        join participants p on p.id = a.participant_id left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where st.conference_id = ? order by st.position, st.id, g.position, a.updated_at""", [cid])
    return columns, [[r["id"], r["text"], r["scale"], r["answer"], r["reason"] or "", r["grp"] or "",
                      "" if r["anonymous"] else shown_name(r), r["updated_at"]] for r in found]
