"""A conference that has been through its programme, for the room tests (tests/browser/
test_room_a11y_browser.py) and the room screenshots (docs/screenshots/take_room.py): the Helmond
sample (Dutch), with a believable piece of every session filled in through the domain, as the room
would have done it, and a way to move the room to each session in turn."""
from __future__ import annotations

from facilitator.domain import (common_ground, commitments, dotvotes, goals, programme, prouds, room, scenarios,
                                statements, tables, timeline_reviews, timelines, trend_responses, trends)
from facilitator.domain.events import Actor
from tests.shared_future_helpers import person, run


def sessions(db, cid: int) -> list[dict]:
    """Every session of the programme in order, breaks included."""
    return programme.sessions(db, cid)


def goto(db, cid: int, session_id: int) -> None:
    run(db, room.goto, Actor("organiser", cid, user_id=1), {"session_id": session_id})


def fill(db, cid: int) -> dict:
    """Mixed tables and a little of everything; returns {"me": the phone's participant (at table 1)}."""
    staff = Actor("organiser", cid, user_id=1)
    tabling = tables.create_tabling(db, cid, "Gemengde tafels", table_size=8, seed=3)
    seated = tables.tables_of(db, tabling)
    me = person(db, seated[0]["members"][0]["id"])
    mates = [person(db, m["id"]) for m in seated[0]["members"][1:4]]
    others = [person(db, t["members"][0]["id"]) for t in seated[1:4]]
    sid = {s["activity"]: s["id"] for s in reversed(sessions(db, cid))}

    for who, (lens, year, text) in zip([me, *mates, *others], [
            (0, 1994, "Geboren in Helmond-Noord"), (1, 2004, "Nieuw centrum geopend"), (2, 2008, "Kredietcrisis"),
            (1, 2013, "Voedselbank begint"), (2, 2020, "Coronapandemie"), (0, 2015, "Vrijwilliger bij de voetbalclub"),
            (1, 2018, "Automotive Campus groeit")]):
        run(db, timelines.add_entry, who, {"lens": lens, "year": year, "text": text})
    run(db, timeline_reviews.write, me, {"table_id": seated[0]["id"], "story": "Werk veranderde sneller dan mensen konden volgen.",
                                         "implications": "Begin bij wie achterbleef."})
    branch = run(db, trends.add, staff, {"text": "Eenzaamheid"})[0]["id"]
    sub = run(db, trends.add, staff, {"text": "Ouderen wonen vaker alleen", "parent_id": branch})[0]["id"]
    other = run(db, trends.add, staff, {"text": "Wonen wordt duurder"})[0]["id"]
    for who, trend in ((me, branch), (me, sub), *((o, other) for o in [*mates, *others])):
        run(db, dotvotes.add_dot, who, {"session_id": sid["dot_vote"], "trend_id": trend})
    run(db, trend_responses.pick, me, {"trend_id": branch})
    run(db, trend_responses.write, me, {"trend_id": branch, "field": "now", "text": "Huisbezoeken door vrijwilligers"})
    run(db, prouds.add, me, {"kind": "proud", "text": "We kennen de gezinnen achter de cijfers"})
    run(db, prouds.add, mates[0], {"kind": "sorry", "text": "We werken langs elkaar heen"})

    statement = run(db, statements.add, staff, {"text": "Helmond is een stad waar iedereen mee kan doen.", "scale": "agree"})[0]["id"]
    run(db, statements.put_up, staff, {"ids": [statement], "only": True, "results": "live", "anonymous": True})
    for who, answer in zip([*mates, *others], ("agree", "agree", "disagree", "agree", "pass")):
        run(db, statements.answer, who, {"statement_id": statement, "answer": answer, "reason": ""})

    cand = run(db, common_ground.add_candidate, me, {"list": "future", "text": "Een ontmoetingsplek in elke wijk"})[0]["id"]
    run(db, common_ground.add_candidate, mates[0], {"list": "project", "text": "Eén telefoonnummer voor alle hulp"})
    theme = run(db, common_ground.create_theme, staff, {"name": "Ontmoeten", "candidate_ids": [cand]})[0]["id"]
    run(db, common_ground.put_up, staff, {"id": theme})
    for who in mates:
        run(db, common_ground.respond, who, {"theme_id": theme, "support": True, "reason": ""})
    run(db, scenarios.update, me, {"field": "title", "value": "Helmond 2030: samen sterk"})

    goal = run(db, goals.create, staff, {"title": "Ontmoetingsplekken in elke wijk"})[0]["goal"]["id"]
    run(db, goals.create, staff, {"title": "Eén loket voor hulp bij schulden"})
    run(db, goals.set_choice, staff, {"open": True})
    for who in mates:
        run(db, goals.join, who, {"goal_id": goal})
    run(db, commitments.make, mates[0], {"goal_id": goal, "text": "Ik zoek drie locaties in Helmond-Noord", "by_when": "juni"})
    return {"me": me, "tables": seated}
