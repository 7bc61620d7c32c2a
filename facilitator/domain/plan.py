"""The action plan as one read: goals with their action groups, actions and commitments; the
directory of the people it names; and the trace from an action back to its origins.

``plan(db, conference_id)`` is what the overview, the projector and the Word export read
(docs/actions.md documents its shape).
"""
from __future__ import annotations

from facilitator.db import row, rows
from facilitator.domain import actions, commitments, goals
from facilitator.domain.events import Actor


def people(db, conference_id: int) -> dict:
    """Everyone in the conference by id: name (blank once anonymised), organisation, stakeholder group
    and whether the name must be left out of reports (``hide_name``)."""
    return {
        p["id"]: {"id": p["id"], "name": p["name"], "organisation": p["organisation"],
                  "group_id": p["stakeholder_group_id"], "hide_name": bool(p["hide_name"])}
        for p in rows(db, "select id, name, organisation, stakeholder_group_id, hide_name from participants "
                          "where conference_id = ? order by id", [conference_id])
    }


def stakeholder_groups(db, conference_id: int) -> list[dict]:
    return rows(db, "select id, key, name, colour from stakeholder_groups where conference_id = ? "
                    "order by position, id", [conference_id])


def common_ground_statement(db, conference_id: int, statement_id: int) -> dict | None:
    """A confirmed common-ground statement with its theme, or None."""
    return row(
        db,
        "select s.id, s.text, s.theme_id, t.name as theme_name from common_ground_statements s "
        "join common_ground_themes t on t.id = s.theme_id "
        "where s.id = ? and s.conference_id = ? and t.state = 'confirmed'",
        [statement_id, conference_id],
    )


def confirmed_statements(db, conference_id: int) -> list[dict]:
    """The confirmed common ground the facilitator can turn into goals, with the goal already made from each."""
    return rows(
        db,
        "select s.id, s.text, t.name as theme_name, "
        "(select min(g.id) from goals g where g.common_ground_id = s.id) as goal_id "
        "from common_ground_statements s join common_ground_themes t on t.id = s.theme_id "
        "where s.conference_id = ? and t.state = 'confirmed' order by t.position, s.id",
        [conference_id],
    )


def plan(db, conference_id: int) -> dict:
    """The whole action plan of a conference (see docs/actions.md for the shape)."""
    groups = stakeholder_groups(db, conference_id)
    directory = people(db, conference_id)
    all_commitments = commitments.list_for(db, conference_id)
    out_goals = []
    for g in goals.list_for(db, conference_id):
        members = goals.members(db, g["id"])
        present = {m["group_id"] for m in members if m["group_id"] is not None}
        source = None
        if g["common_ground_id"]:
            s = common_ground_statement(db, conference_id, g["common_ground_id"])
            source = {"kind": "common_ground", "id": g["common_ground_id"], "text": s["text"] if s else "",
                      "theme": s["theme_name"] if s else ""}
        out_goals.append({
            **goals.public(g),
            "source": source,
            "members": [{"participant_id": m["participant_id"], "group_id": m["group_id"], "lead": bool(m["is_lead"])}
                        for m in members],
            "leads": [m["participant_id"] for m in members if m["is_lead"]],
            "groups_present": [gr["id"] for gr in groups if gr["id"] in present],
            "groups_missing": [gr["id"] for gr in groups if gr["id"] not in present],
            "actions": actions.for_goal(db, g["id"]),
            "commitments": [c for c in all_commitments if c["goal_id"] == g["id"]],
        })
    return {
        "conference_id": conference_id,
        "choice": goals.choice(db, conference_id),
        "tags": goals.conference_tags(db, conference_id),
        "groups": groups,
        "goals": out_goals,
        "commitments": all_commitments,
        "people": directory,
    }


def for_actor(db, actor: Actor, base: dict | None = None) -> dict:
    """The plan as a live client sees it: names that must stay out of public view are left out for
    everyone but facilitators (the person's stakeholder group and organisation still show).
    ``base`` is a plan already read for this conference (shared, never changed here)."""
    data = dict(base if base is not None else plan(db, actor.conference_id))
    data["people"] = {
        pid: {**p, "name": ""} if p["hide_name"] and not actor.is_staff and pid != actor.participant_id else p
        for pid, p in data["people"].items()
    }
    data["me"] = {"participant_id": actor.participant_id,
                  "goal_ids": goals.goals_of(db, actor.conference_id, actor.participant_id) if actor.participant_id else []}
    return data


def trace_goal(db, conference_id: int, goal_id) -> dict:
    """From a goal back to where it came from: the common-ground statement it was made from, that
    statement's theme, and the candidates (the tables' original notes) merged into the theme.
    Candidates never carry their author."""
    goal = goals.public(goals.get(db, conference_id, goal_id))
    out = {"goal": goal, "statement": None, "theme": None, "candidates": []}
    if goal["common_ground_id"]:
        s = row(db, "select s.id, s.text, s.theme_id, t.name, t.state from common_ground_statements s "
                    "join common_ground_themes t on t.id = s.theme_id where s.id = ? and s.conference_id = ?",
                [goal["common_ground_id"], conference_id])
        if s:
            out["statement"] = {"id": s["id"], "text": s["text"]}
            out["theme"] = {"id": s["theme_id"], "name": s["name"], "state": s["state"]}
            out["candidates"] = rows(
                db,
                "select c.id, c.text, c.list, c.source_kind, c.source_label, t.number as table_number "
                "from common_ground_candidates c left join tables t on t.id = c.table_id "
                "where c.theme_id = ? order by c.id",
                [s["theme_id"]],
            )
    return out


def trace(db, conference_id: int, action_id) -> dict:
    """From an action back to its goal, the common-ground statement, the theme and the original notes."""
    action = actions.public(db, actions.get(db, conference_id, action_id))
    return {"action": action, **trace_goal(db, conference_id, action["goal_id"])}
