"""CSV sheets for spreadsheets: notes, votes, statement answers, actions and commitments, one file
each, zipped together. UTF-8 with a byte-order mark, so Excel reads accents right.

Anonymous activities stay anonymous: a note carries its author only when its session was not
anonymous, a statement answer only when the statement was not anonymous, dots never; every sheet
carries the stakeholder group. A participant who asked for it (hide_name) is never named.
docs/export-formats.md lists the columns.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile

from facilitator.db import rows
from facilitator.domain import activities
from facilitator.domain.validate import CONTROL

# A cell a spreadsheet would read as a formula (=, +, -, @; also after a tab or carriage return):
# shown as text, with a leading apostrophe, so that a note cannot run a formula in an organiser's Excel.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as a CSV cell may hold it: control characters removed, a would-be formula made text."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _name(r: dict) -> str:
    return "" if r.get("hide_name") else (r.get("name") or "")


def notes(db, cid: int):
    columns = ["note_id", "session", "phase", "cluster", "text", "stakeholder_group", "author", "by_facilitator",
               "merged_into", "hidden", "created_at"]
    found = rows(db, """
        select n.id, n.session_id, s.title as session, s.phase, c.name as cluster, n.text, g.name as grp, p.name,
               p.hide_name, n.user_id, n.merged_into, n.hidden, n.created_at
        from notes n join sessions s on s.id = n.session_id
        left join note_clusters c on c.id = n.cluster_id
        left join participants p on p.id = n.participant_id
        left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where n.conference_id = ? and n.deleted = 0 order by s.position, n.session_id, n.id""", [cid])
    from facilitator.domain import notes as notes_domain  # whether a session is anonymous: its own rule

    anonymous = {sid: notes_domain.session_settings(db, sid)["anonymous"] for sid in {r["session_id"] for r in found}}
    return columns, [[r["id"], r["session"], r["phase"], r["cluster"] or "", r["text"], r["grp"] or "",
                      "" if anonymous[r["session_id"]] else _name(r), "yes" if r["user_id"] else "",
                      r["merged_into"] or "", "yes" if r["hidden"] else "", r["created_at"]] for r in found]


def votes(db, cid: int):
    columns = ["session", "trend_id", "trend", "stakeholder_group", "dots"]
    found = rows(db, """
        select s.title as session, t.id as trend_id, t.text as trend, coalesce(g.name, '') as grp, sum(d.count) as n
        from dots d join trends t on t.id = d.trend_id join sessions s on s.id = d.session_id
        join participants p on p.id = d.participant_id left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where t.conference_id = ? group by d.session_id, t.id, g.id order by s.position, s.id, n desc, t.id""", [cid])
    return columns, [[r["session"], r["trend_id"], r["trend"], r["grp"], r["n"]] for r in found]


def statement_answers(db, cid: int):
    columns = ["statement_id", "statement", "scale", "answer", "reason", "stakeholder_group", "participant", "updated_at"]
    found = rows(db, """
        select st.id, st.text, st.scale, st.anonymous, a.answer, a.reason, a.updated_at, g.name as grp, p.name, p.hide_name
        from statement_answers a join statements st on st.id = a.statement_id
        join participants p on p.id = a.participant_id left join stakeholder_groups g on g.id = p.stakeholder_group_id
        where st.conference_id = ? order by st.position, st.id, g.position, a.updated_at""", [cid])
    return columns, [[r["id"], r["text"], r["scale"], r["answer"], r["reason"] or "", r["grp"] or "",
                      "" if r["anonymous"] else _name(r), r["updated_at"]] for r in found]


def _people(db, action_ids: list[int]) -> dict:
    out: dict = {}
    if not action_ids:
        return out
    for r in rows(db, f"""
        select ap.action_id, ap.role, ap.organisation, p.name, p.hide_name, p.organisation as p_org
        from action_people ap left join participants p on p.id = ap.participant_id
        where ap.action_id in ({','.join('?' * len(action_ids))}) order by ap.position, ap.id""", action_ids):
        who = r["organisation"] if r["name"] is None else (_name(r) or r["p_org"] or "")
        out.setdefault((r["action_id"], r["role"]), []).append(who)
    return out


def actions(db, cid: int):
    columns = ["goal_id", "goal", "action_id", "what", "leads", "members", "when", "horizon", "how", "neighbourhoods",
               "status", "updated_at"]
    found = rows(db, """
        select g.id as goal_id, g.title as goal, a.* from actions a join goals g on g.id = a.goal_id
        where a.conference_id = ? order by g.position, g.id, a.position, a.id""", [cid])
    people = _people(db, [r["id"] for r in found])
    return columns, [[r["goal_id"], r["goal"], r["id"], r["what"], "; ".join(people.get((r["id"], "lead"), [])),
                      "; ".join(people.get((r["id"], "member"), [])), r["when_date"] or "", r["horizon"] or "",
                      r["how"] or "", "; ".join(json.loads(r["neighbourhoods"] or "[]")), r["status"], r["updated_at"]]
                     for r in found]


def commitments(db, cid: int):
    columns = ["commitment_id", "participant", "organisation", "on_behalf", "text", "by_when", "goal", "action",
               "stakeholder_group", "created_at"]
    found = rows(db, """
        select c.*, p.name, p.hide_name, gr.name as grp, g.title as goal, a.what as action
        from commitments c left join participants p on p.id = c.participant_id
        left join stakeholder_groups gr on gr.id = p.stakeholder_group_id
        left join goals g on g.id = c.goal_id left join actions a on a.id = c.action_id
        where c.conference_id = ? and c.withdrawn_at is null order by c.id""", [cid])
    return columns, [[r["id"], _name(r), r["organisation"], r["on_behalf"], r["text"], r["by_when"] or "", r["goal"] or "",
                      r["action"] or "", r["grp"] or "", r["created_at"]] for r in found]


# file name -> (sheet function, tables it needs); which activity fills which sheet, and their order,
# is the activity registry's (facilitator/domain/activities.py, ``sheets``)
SHEETS = {
    "notes.csv": (notes, ("notes", "note_clusters", "session_settings")),
    "votes.csv": (votes, ("dots", "trends")),
    "statement_answers.csv": (statement_answers, ("statement_answers",)),
    "actions.csv": (actions, ("actions", "goals", "action_people")),
    "commitments.csv": (commitments, ("commitments",)),
}


def sheets(db, conference_id: int) -> dict[str, str]:
    """File name -> CSV text, for the sheets whose tables exist in this database."""
    present = set(db.table_names())
    out = {}
    for filename in dict.fromkeys(sheet for a in activities.REGISTRY for sheet in a.sheets):
        fn, needs = SHEETS[filename]
        if not set(needs) <= present:
            continue
        columns, data = fn(db, conference_id)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([safe_cell(x) for x in r] for r in data)
        out[filename] = "\ufeff" + buf.getvalue()
    return out


def zip_bytes(db, conference_id: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, text in sheets(db, conference_id).items():
            z.writestr(filename, text.encode("utf-8"))
    return buf.getvalue()
