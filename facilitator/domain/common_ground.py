"""Common ground: tables list candidates, facilitators merge them into themes, the room confirms.

1. Each mixed table lists candidates in three lists: common futures (``future``), potential
   projects (``project``) and unresolved differences (``difference``). A table's candidates go to
   that table (and facilitators) only. Facilitators may also propose a candidate from a trend
   response or a scenario; it keeps a link back to where it came from.
2. Facilitators merge candidates from all tables into named themes (clusters). Every candidate keeps
   its link to its theme; merging two themes moves the candidates along. The projector follows.
3. Confirmation in the whole room, one theme at a time: a theme that is ``up`` takes "I can support
   this" / "I cannot support this" (with an optional reason) from every participant, one response
   per person, changeable while it is up. The facilitator decides: ``confirmed`` (it becomes a
   common-ground statement whose wording stays editable) or ``not_agreed`` (the objections are
   kept). An objection keeps a theme from being confirmed unless the facilitator explicitly
   decides to confirm it despite the objections.
"""
from __future__ import annotations

from facilitator.db import now, row, rows
from facilitator.domain import events, notes, scenarios, validate as v
from facilitator.domain import room as room_domain
from facilitator.domain.statements import flag
from facilitator.domain.errors import N_, DomainError, Forbidden, NotFound, ValidationError

LISTS = ("future", "project", "difference")
SOURCES = ("trend_response", "scenario")
DECISIONS = ("confirmed", "not_agreed")
MAX_TEXT = 280
MAX_NAME = 280
MAX_REASON = 280
MAX_IDS = 200
# What the phone says before a participant answers (a message key; the phone translates it)
NAMES_NOTICE = {True: N_("The facilitators will see your name with your answer. Others will not."),
                False: N_("Nobody will see your name with your answer, not even the facilitators.")}


def _id(data, name: str) -> int:
    return v.integer(data.get(name), name, minimum=1)


# --- reading ---------------------------------------------------------------------------

def get_candidate(db, conference_id: int, candidate_id: int) -> dict:
    c = row(db, "select c.*, t.number as table_number from common_ground_candidates c "
                "left join tables t on t.id = c.table_id where c.id = ? and c.conference_id = ?",
            [candidate_id, conference_id])
    if not c:
        raise NotFound("candidate")
    return c


def get_theme(db, conference_id: int, theme_id: int) -> dict:
    t = row(db, "select * from common_ground_themes where id = ? and conference_id = ?", [theme_id, conference_id])
    if not t:
        raise NotFound("theme")
    return t


def candidate_view(c: dict) -> dict:
    """A candidate as anyone may see it: never who wrote it."""
    return {k: c[k] for k in ("id", "table_id", "table_number", "list", "text", "theme_id", "source_kind",
                              "source_id", "source_group_id", "source_label")}


def candidates(db, conference_id: int, *, table_id: int | None = None, theme_id: int | None = None) -> list[dict]:
    sql = ("select c.*, t.number as table_number from common_ground_candidates c left join tables t on t.id = c.table_id "
           "where c.conference_id = ?")
    params = [conference_id]
    if table_id is not None:
        sql += " and c.table_id = ?"
        params.append(table_id)
    if theme_id is not None:
        sql += " and c.theme_id = ?"
        params.append(theme_id)
    return [candidate_view(c) for c in rows(db, sql + " order by c.id", params)]


def tally(db, theme_id: int) -> dict:
    r = row(db, "select coalesce(sum(support), 0) s, count(*) n from common_ground_responses where theme_id = ?", [theme_id])
    return {"support": r["s"], "object": r["n"] - r["s"]}


def names_shown(db, conference_id: int) -> bool:
    """Whether facilitators see who supported or objected: the confirmation session's own setting
    (the cockpit's "Anonymous" box, anonymous unless changed). The session is the one running when
    it is a confirmation, else the programme's first confirmation session; without one, nobody's
    name is shown."""
    s = room_domain.current_session(db, conference_id)
    if not s or s["activity"] != "common_ground_confirm":
        s = row(db, "select s.id from sessions s join days d on d.id = s.day_id where s.conference_id = ? "
                    "and s.activity = 'common_ground_confirm' order by d.date, s.start, s.position, s.id limit 1",
                [conference_id])
    return bool(s) and not notes.session_settings(db, s["id"])["anonymous"]


def responses(db, theme_id: int, *, with_names: bool) -> list[dict]:
    found = rows(db, "select r.support, r.reason, r.participant_id, p.name, g.name as group_name from common_ground_responses r "
                     "join participants p on p.id = r.participant_id left join stakeholder_groups g "
                     "on g.id = p.stakeholder_group_id where r.theme_id = ? order by r.support, r.updated_at",
                 [theme_id])
    if with_names:
        return [{"support": bool(r["support"]), "reason": r["reason"], "participant_id": r["participant_id"],
                 "name": r["name"], "group_name": r["group_name"] or ""} for r in found]
    return [{"support": bool(r["support"]), "reason": r["reason"]} for r in found]


def theme_view(db, t: dict, *, staff: bool) -> dict:
    """A theme with its candidates, tally and statement; the objections' reasons once decided
    (anonymous), and every response for facilitators: with names only when the confirmation is not
    anonymous (:func:`names_shown`)."""
    out = {k: t[k] for k in ("id", "name", "state", "position")}
    out["candidates"] = candidates(db, t["conference_id"], theme_id=t["id"])
    out["tally"] = tally(db, t["id"])
    st = row(db, "select id, text from common_ground_statements where theme_id = ?", [t["id"]])
    out["statement"] = st
    if staff:
        out["responses"] = responses(db, t["id"], with_names=names_shown(db, t["conference_id"]))
    elif t["state"] == "not_agreed":
        out["objections"] = [r for r in responses(db, t["id"], with_names=False) if not r["support"]]
    return out


def themes(db, conference_id: int) -> list[dict]:
    return rows(db, "select * from common_ground_themes where conference_id = ? order by position, id", [conference_id])


def confirmed_statements(db, conference_id: int) -> list[dict]:
    """What the room confirmed, for the goals: each statement with its theme and candidates."""
    found = rows(
        db,
        "select s.id, s.text, s.theme_id, t.name as theme_name, t.position from common_ground_statements s "
        "join common_ground_themes t on t.id = s.theme_id where s.conference_id = ? and t.state = 'confirmed' "
        "order by t.position, s.id",
        [conference_id],
    )
    for s in found:
        s["candidates"] = [{k: c[k] for k in ("id", "text", "list", "table_id", "source_kind", "source_id", "source_label")}
                           for c in candidates(db, conference_id, theme_id=s["theme_id"])]
    return found


def sources(db, conference_id: int) -> list[dict]:
    """What a facilitator may propose common ground from: the scenario boards and the trend responses."""
    found = [{"source_kind": "scenario", "source_id": b["id"], "source_group_id": None,
              "label": f"Scenario, table {b['number']}" + (f": {b['title']}" if b["title"] else ""),
              "text": b["story"][:280]}
             for b in rows(db, "select s.id, s.title, s.story, t.number from scenarios s join tables t on t.id = s.table_id "
                               "where s.conference_id = ? order by t.number", [conference_id])]
    found += [{"source_kind": "trend_response", "source_id": r["trend_id"], "source_group_id": r["group_id"],
               "label": f"Trend response, {r['group_name']}: {r['trend']}", "text": r["want_text"][:280]}
              for r in rows(db, "select r.trend_id, r.group_id, r.want_text, g.name as group_name, t.text as trend "
                                "from trend_responses r join trends t on t.id = r.trend_id join stakeholder_groups g "
                                "on g.id = r.group_id where t.conference_id = ? and (r.want_text != '' or r.now_text != '') "
                                "order by g.position, r.position", [conference_id])]
    return found


def state(db, actor) -> dict:
    """The snapshot part. A participant sees their table's candidates and every theme that was put up;
    facilitators and the projector also see the themes being merged."""
    cid = actor.conference_id
    mine = scenarios.seated_table(db, actor)
    all_themes = themes(db, cid)
    if actor.role == "participant":
        shown = [t for t in all_themes if t["state"] != "draft"]
        listed = candidates(db, cid, table_id=mine["id"]) if mine else []
    else:
        shown = all_themes
        listed = candidates(db, cid) if actor.is_staff else []
    out = {"my_table": mine, "candidates": listed,
           "themes": [theme_view(db, t, staff=actor.is_staff) for t in shown],
           "tables": scenarios.tables(db, cid),
           # the phone says before anyone answers whether facilitators will see their name
           "names_shown": names_shown(db, cid)}
    out["names_notice"] = NAMES_NOTICE[out["names_shown"]]
    if actor.is_staff:
        out["sources"] = sources(db, cid)
    if actor.role == "participant":
        out["my_responses"] = {str(r["theme_id"]): {"support": bool(r["support"]), "reason": r["reason"]} for r in rows(
            db, "select theme_id, support, reason from common_ground_responses where participant_id = ?", [actor.participant_id])}
    return out


# --- candidates ------------------------------------------------------------------------

def _candidate_audience(c: dict) -> str:
    return f"table:{c['table_id']}" if c["table_id"] else "facilitators"


def _candidate_event(db, actor, kind: str, c: dict) -> dict:
    c = get_candidate(db, actor.conference_id, c["id"])
    return events.append(db, actor.conference_id, kind, {"candidate": candidate_view(c)},
                         audience=_candidate_audience(c), actor=actor)


def add_candidate(db, actor, data) -> tuple[dict, list]:
    """A table lists a candidate (a facilitator may add one for a table)."""
    table = scenarios.table_for(db, actor, data)
    values = {"conference_id": actor.conference_id, "table_id": table["id"],
              "list": v.choice(data.get("list"), "list", LISTS), "text": v.text(data.get("text"), "text", max_len=MAX_TEXT),
              "participant_id": actor.participant_id, "created_at": now(), "updated_at": now()}
    cid = db["common_ground_candidates"].insert(values).last_pk
    c = get_candidate(db, actor.conference_id, cid)
    return {"id": cid}, [_candidate_event(db, actor, "cg.candidate.added", c)]


def propose(db, actor, data) -> tuple[dict, list]:
    """A facilitator proposes a candidate from a trend response or a scenario, linked to its source."""
    actor.require_staff()
    cid = actor.conference_id
    kind = v.choice(data.get("source_kind"), "source_kind", SOURCES)
    source_id = _id(data, "source_id")
    group_id = None
    if kind == "scenario":
        b = scenarios.get(db, cid, source_id)
        t = scenarios.get_table(db, cid, b["table_id"])
        label = f"Scenario, table {t['number']}" + (f": {b['title']}" if b["title"] else "")
    else:
        group_id = _id(data, "source_group_id")
        g = row(db, "select name from stakeholder_groups where id = ? and conference_id = ?", [group_id, cid])
        if not g:
            raise NotFound("stakeholder group")
        trend = row(db, "select t.text from trend_responses r join trends t on t.id = r.trend_id "
                        "where r.group_id = ? and r.trend_id = ? and t.conference_id = ?", [group_id, source_id, cid])
        if not trend:
            raise NotFound("trend response")
        label = f"Trend response, {g['name']}: {trend['text']}"
    values = {"conference_id": cid, "table_id": None, "list": v.choice(data.get("list", "future"), "list", LISTS),
              "text": v.text(data.get("text"), "text", max_len=MAX_TEXT), "source_kind": kind, "source_id": source_id,
              "source_group_id": group_id, "source_label": label[:200], "created_at": now(), "updated_at": now()}
    new_id = db["common_ground_candidates"].insert(values).last_pk
    c = get_candidate(db, cid, new_id)
    return {"id": new_id}, [_candidate_event(db, actor, "cg.candidate.added", c)]


def _own_candidate(db, actor, data) -> dict:
    c = get_candidate(db, actor.conference_id, _id(data, "id"))
    if actor.role == "participant":
        mine = scenarios.seated_table(db, actor)
        if not mine or c["table_id"] != mine["id"]:
            raise Forbidden(N_("You can only change your own table's candidates."))
        if c["theme_id"]:
            raise DomainError("merged", N_("This candidate is already part of a theme."))
    else:
        actor.require_staff()
    return c


def edit_candidate(db, actor, data) -> tuple[dict, list]:
    c = _own_candidate(db, actor, data)
    text = v.text(data.get("text", c["text"]), "text", max_len=MAX_TEXT)
    lst = v.choice(data.get("list", c["list"]), "list", LISTS)
    db["common_ground_candidates"].update(c["id"], {"list": lst, "updated_at": now()})
    # The wording is a shared text (facilitator.domain.shared_texts, ``common_ground:<id>:text``): a
    # whole new wording becomes one change to it, merged with what others at the table type.
    from facilitator.domain import shared_texts

    out = shared_texts.set_text(db, actor, f"common_ground:{c['id']}:text", text)[1]
    if not out:  # the wording stayed (only the list changed): the change itself is told here
        out = [_candidate_event(db, actor, "cg.candidate.changed", c)]
        if c["theme_id"]:
            out.append(_theme_event(db, actor, "cg.theme.changed", c["theme_id"]))
    return {"id": c["id"]}, out


def remove_candidate(db, actor, data) -> tuple[dict, list]:
    c = _own_candidate(db, actor, data)
    db.execute("delete from common_ground_candidates where id = ?", [c["id"]])
    from facilitator.domain import shared_texts

    shared_texts.forget(db, "common_ground", c["id"])
    out = [events.append(db, actor.conference_id, "cg.candidate.removed", {"id": c["id"]},
                         audience=_candidate_audience(c), actor=actor)]
    if c["theme_id"]:
        out.append(_theme_event(db, actor, "cg.theme.changed", c["theme_id"]))
    return {"id": c["id"]}, out


# --- themes ----------------------------------------------------------------------------

def _theme_audience(t: dict) -> str:
    return "presenters" if t["state"] == "draft" else "all"


def _theme_event(db, actor, kind: str, theme_id: int) -> dict:
    """An event with the theme as the room may see it (facilitators get the names from the snapshot
    and from ``cg.responses``)."""
    t = get_theme(db, actor.conference_id, theme_id)
    return events.append(db, actor.conference_id, kind, {"theme": theme_view(db, t, staff=False)},
                         audience=_theme_audience(t), actor=actor)


def _assign(db, actor, candidate_ids: list[int], theme_id: int | None) -> list[int]:
    """Link candidates to a theme (or unlink them); returns the themes they came from."""
    previous = set()
    for i in candidate_ids:
        c = get_candidate(db, actor.conference_id, i)
        if c["theme_id"] and c["theme_id"] != theme_id:
            previous.add(c["theme_id"])
        db["common_ground_candidates"].update(i, {"theme_id": theme_id, "updated_at": now()})
    return sorted(previous)


def _tables_told(db, actor, candidate_ids: list[int]) -> list[dict]:
    """Each candidate's table hears that it went into a theme (or out of one): its phones then stop
    offering to edit or delete it."""
    return [_candidate_event(db, actor, "cg.candidate.changed", {"id": i}) for i in candidate_ids]


def _candidate_ids(data) -> list[int]:
    ids = data.get("candidate_ids", [])
    if not isinstance(ids, list) or len(ids) > MAX_IDS:
        raise ValidationError("candidate_ids", N_("%(name)s must be a list."), name="candidate_ids")
    return list(dict.fromkeys(v.integer(i, "candidate_ids", minimum=1) for i in ids))


def create_theme(db, actor, data) -> tuple[dict, list]:
    """Start a cluster with a name (and, optionally, the candidates dropped into it)."""
    actor.require_staff()
    cid = actor.conference_id
    name = v.text(data.get("name"), "name", max_len=MAX_NAME)
    ids = _candidate_ids(data)
    for i in ids:
        get_candidate(db, cid, i)
    position = row(db, "select coalesce(max(position), -1) + 1 p from common_ground_themes where conference_id = ?", [cid])["p"]
    tid = db["common_ground_themes"].insert({"conference_id": cid, "name": name, "position": position,
                                             "created_at": now()}).last_pk
    previous = _assign(db, actor, ids, tid)
    out = [_theme_event(db, actor, "cg.theme.changed", t) for t in previous]
    out.append(_theme_event(db, actor, "cg.theme.changed", tid))
    out += _tables_told(db, actor, ids)
    return {"id": tid}, out


def rename_theme(db, actor, data) -> tuple[dict, list]:
    actor.require_staff()
    t = get_theme(db, actor.conference_id, _id(data, "id"))
    if t["state"] not in ("draft", "up"):
        raise DomainError("decided", N_("This theme was decided; edit the statement's wording instead."))
    db["common_ground_themes"].update(t["id"], {"name": v.text(data.get("name"), "name", max_len=MAX_NAME)})
    return {"id": t["id"]}, [_theme_event(db, actor, "cg.theme.changed", t["id"])]


def assign(db, actor, data) -> tuple[dict, list]:
    """Drag and drop: put candidates into a theme (``theme_id`` null takes them out again)."""
    actor.require_staff()
    cid = actor.conference_id
    ids = _candidate_ids(data)
    if not ids:
        raise ValidationError("candidate_ids", N_("%(name)s is required."), name="candidate_ids")
    theme_id = data.get("theme_id")
    if theme_id is not None:
        theme_id = get_theme(db, cid, _id(data, "theme_id"))["id"]
    touched = _assign(db, actor, ids, theme_id)
    if theme_id:
        touched.append(theme_id)
    out = [_theme_event(db, actor, "cg.theme.changed", t) for t in touched]
    out += _tables_told(db, actor, ids)
    return {"theme_id": theme_id, "candidate_ids": ids}, out


def merge_themes(db, actor, data) -> tuple[dict, list]:
    """Merge one draft theme into another: its candidates move along, the emptied theme goes."""
    actor.require_staff()
    cid = actor.conference_id
    source = get_theme(db, cid, _id(data, "id"))
    target = get_theme(db, cid, _id(data, "into_id"))
    if source["id"] == target["id"]:
        raise ValidationError("into_id", N_("A theme cannot be merged into itself."))
    if source["state"] != "draft" or target["state"] != "draft":
        raise DomainError("not_draft", N_("Only themes that were not put up yet can be merged."))
    db.execute("update common_ground_candidates set theme_id = ?, updated_at = ? where theme_id = ?",
               [target["id"], now(), source["id"]])
    db.execute("delete from common_ground_themes where id = ?", [source["id"]])
    return {"id": target["id"]}, [
        events.append(db, cid, "cg.theme.removed", {"id": source["id"], "into_id": target["id"]}, audience="presenters",
                      actor=actor),
        _theme_event(db, actor, "cg.theme.changed", target["id"]),
    ]


def _staff_theme(db, actor, data, state: str, code: str, message: str) -> dict:
    """The theme ``data["id"]`` for a facilitator, which must be in ``state``."""
    actor.require_staff()
    t = get_theme(db, actor.conference_id, _id(data, "id"))
    if t["state"] != state:
        raise DomainError(code, message)
    return t


def remove_theme(db, actor, data) -> tuple[dict, list]:
    """Dissolve a draft theme; its candidates go back to the unsorted pile."""
    t = _staff_theme(db, actor, data, "draft", "not_draft", N_("Only themes that were not put up yet can be removed."))
    db.execute("delete from common_ground_themes where id = ?", [t["id"]])
    return {"id": t["id"]}, [events.append(db, actor.conference_id, "cg.theme.removed", {"id": t["id"]},
                                           audience="presenters", actor=actor)]


# --- confirmation ----------------------------------------------------------------------

def put_up(db, actor, data) -> tuple[dict, list]:
    """Ask the whole room about one theme. Only one theme is up at a time."""
    t = _staff_theme(db, actor, data, "draft", "not_draft", N_("This theme was already put to the room."))
    cid = actor.conference_id
    if row(db, "select 1 from common_ground_themes where conference_id = ? and state = 'up'", [cid]):
        raise DomainError("another_up", N_("Another theme is up. Decide on it or take it down first."))
    db["common_ground_themes"].update(t["id"], {"state": "up", "put_up_at": now()})
    return {"id": t["id"]}, [_theme_event(db, actor, "cg.theme.up", t["id"])]


def take_down(db, actor, data) -> tuple[dict, list]:
    """Take the theme that is up back to the drafts (the responses given so far are dropped)."""
    t = _staff_theme(db, actor, data, "up", "not_up", N_("This theme is not up."))
    db.execute("delete from common_ground_responses where theme_id = ?", [t["id"]])
    db["common_ground_themes"].update(t["id"], {"state": "draft", "put_up_at": None})
    return {"id": t["id"]}, [events.append(db, actor.conference_id, "cg.theme.down", {"id": t["id"]}, actor=actor),
                             _theme_event(db, actor, "cg.theme.changed", t["id"])]


def respond(db, actor, data) -> tuple[dict, list]:
    """"I can support this" (support: true) or "I cannot support this" (false), with an optional reason."""
    actor.require_participant()
    cid = actor.conference_id
    t = get_theme(db, cid, _id(data, "theme_id"))
    if t["state"] != "up":
        raise DomainError("not_up", N_("This theme is not up for confirmation."))
    support = flag(data, "support", None)
    if support is None:
        raise ValidationError("support", N_("%(name)s must be true or false."), name="support")
    reason = v.text(data.get("reason", ""), "reason", max_len=MAX_REASON, required=False)
    db.execute(
        "insert into common_ground_responses (theme_id, participant_id, support, reason, updated_at) values (?, ?, ?, ?, ?) "
        "on conflict(theme_id, participant_id) do update set support = excluded.support, reason = excluded.reason, "
        "updated_at = excluded.updated_at",
        [t["id"], actor.participant_id, int(support), reason, now()],
    )
    mine = {"theme_id": t["id"], "support": support, "reason": reason}
    counts = tally(db, t["id"])
    return mine, [
        events.append(db, cid, "cg.response", mine, audience=f"participant:{actor.participant_id}", actor=actor),
        events.append(db, cid, "cg.tally", {"theme_id": t["id"], "tally": counts}),
        events.append(db, cid, "cg.responses", {"theme_id": t["id"], "tally": counts,
                                                "responses": responses(db, t["id"], with_names=names_shown(db, cid))},
                      audience="facilitators"),
    ]


def responses_again(db, actor) -> list[dict]:
    """The confirmation's anonymity changed: facilitators get the theme that is up again, with or
    without names as the setting now says (so a cockpit never keeps names it may no longer show)."""
    cid = actor.conference_id
    shown = names_shown(db, cid)
    return [events.append(db, cid, "cg.responses", {"theme_id": t["id"], "tally": tally(db, t["id"]),
                                                    "responses": responses(db, t["id"], with_names=shown)},
                          audience="facilitators")
            for t in rows(db, "select id from common_ground_themes where conference_id = ? and state = 'up'", [cid])]


def decide(db, actor, data) -> tuple[dict, list]:
    """The facilitator's decision on the theme that is up: confirmed or not agreed.

    Confirming while objections stand needs ``despite_objections: true``.
    """
    t = _staff_theme(db, actor, data, "up", "not_up", N_("Put the theme to the room before deciding on it."))
    cid = actor.conference_id
    decision = v.choice(data.get("decision"), "decision", DECISIONS)
    despite = flag(data, "despite_objections", False)
    if decision == "confirmed":
        text = v.text(data.get("text") or t["name"], "text", max_len=MAX_NAME)
        objections = tally(db, t["id"])["object"]
        if objections and not despite:
            raise DomainError("has_objections", N_("%(num)d people cannot support this theme yet."), num=objections)
        db["common_ground_statements"].insert({"conference_id": cid, "theme_id": t["id"], "text": text,
                                               "created_at": now(), "updated_at": now()})
    db["common_ground_themes"].update(t["id"], {"state": decision, "decided_at": now()})
    return {"id": t["id"], "decision": decision}, [_theme_event(db, actor, "cg.theme.decided", t["id"])]


def edit_statement(db, actor, data) -> tuple[dict, list]:
    """Change the wording of a confirmed statement; its link to the theme stays."""
    actor.require_staff()
    s = row(db, "select * from common_ground_statements where id = ? and conference_id = ?",
            [_id(data, "id"), actor.conference_id])
    if not s:
        raise NotFound("statement")
    db["common_ground_statements"].update(s["id"], {"text": v.text(data.get("text"), "text", max_len=MAX_NAME),
                                                    "updated_at": now()})
    return {"id": s["id"]}, [_theme_event(db, actor, "cg.theme.changed", s["theme_id"])]


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """What the whole room confirmed, and the themes it did not agree on."""
    from facilitator.domain import reporting as rp

    _ = r.gettext
    confirmed = confirmed_statements(r.db, r.cid)
    out = r.section(_("Common ground"), confirmed, _("What the whole room confirmed together."))
    out.append(rp.bullets(s["text"] for s in confirmed))
    open_themes = [th for th in themes(r.db, r.cid) if th["state"] == "not_agreed"]
    out += r.section(_("Not agreed"), open_themes,
                     _("Themes on which the room did not reach agreement. They stay on the table as information."))
    out.append(rp.bullets(th["name"] for th in open_themes))
    return out
