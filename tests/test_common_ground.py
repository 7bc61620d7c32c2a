"""Common ground: table candidates, themes by merging, confirmation by the whole room."""
import pytest

from facilitator.domain import common_ground as cg
from facilitator.domain import scenarios
from facilitator.domain.errors import DomainError, Forbidden
from tests.shared_future_helpers import count, person, presenter, run, seat, seen_by, staff


@pytest.fixture
def room(db, sample_id):
    seated = seat(db, sample_id)
    table_ids = sorted(seated)
    return {"cid": sample_id, "tables": table_ids, "a": person(db, seated[table_ids[0]][0]),
            "a2": person(db, seated[table_ids[0]][1]), "b": person(db, seated[table_ids[1]][0])}


def add(db, actor, text, lst="future"):
    return run(db, cg.add_candidate, actor, {"list": lst, "text": text})[0]["id"]


def test_a_table_lists_candidates_in_three_lists_seen_by_that_table_only(db, room):
    add(db, room["a"], "Every neighbourhood has a meeting place")
    add(db, room["a2"], "A buddy network", "project")
    add(db, room["a"], "Who pays for it", "difference")
    mine = cg.state(db, room["a"])
    assert [c["list"] for c in mine["candidates"]] == ["future", "project", "difference"]
    assert mine["my_table"]["id"] == room["tables"][0]
    assert all("participant_id" not in c for c in mine["candidates"])
    assert cg.state(db, room["b"])["candidates"] == []
    assert seen_by(db, room["b"], "cg.") == []
    assert len(seen_by(db, room["a2"], "cg.candidate.added")) == 3
    assert len(cg.state(db, staff(room["cid"]))["candidates"]) == 3


def test_participants_cannot_change_another_tables_candidates_or_merge(db, room):
    c = add(db, room["a"], "Mine")
    with pytest.raises(Forbidden):
        run(db, cg.edit_candidate, room["b"], {"id": c, "text": "Yours"})
    with pytest.raises(Forbidden):
        run(db, cg.create_theme, room["a"], {"name": "Theme", "candidate_ids": [c]})
    with pytest.raises(DomainError):
        run(db, cg.add_candidate, room["a"], {"list": "wishes", "text": "x"})
    assert cg.get_candidate(db, room["cid"], c)["text"] == "Mine"
    assert count(db, "common_ground_themes") == 0


def test_a_table_hears_when_its_candidate_goes_into_a_theme_and_out_again(db, room):
    f = staff(room["cid"])
    c1 = add(db, room["a"], "A meeting place in every neighbourhood")
    c2 = add(db, room["a"], "A buddy network", "project")
    t1 = run(db, cg.create_theme, f, {"name": "Meeting places", "candidate_ids": [c1]})[0]["id"]
    run(db, cg.assign, f, {"candidate_ids": [c2], "theme_id": t1})
    run(db, cg.assign, f, {"candidate_ids": [c1], "theme_id": None})
    told = [(e["data"]["candidate"]["id"], e["data"]["candidate"]["theme_id"])
            for e in seen_by(db, room["a2"], "cg.candidate.changed")]
    assert told == [(c1, t1), (c2, t1), (c1, None)]
    assert seen_by(db, room["b"], "cg.") == []  # another table hears nothing of it


def test_links_from_candidates_to_themes_to_statements_survive_merges_and_edits(db, room):
    f = staff(room["cid"])
    c1 = add(db, room["a"], "A meeting place in every neighbourhood")
    c2 = add(db, room["b"], "Buurthuis open every day")
    c3 = add(db, room["b"], "Respectful counters at the municipality")
    t1 = run(db, cg.create_theme, f, {"name": "Meeting places", "candidate_ids": [c1]})[0]["id"]
    t2 = run(db, cg.create_theme, f, {"name": "Places to meet", "candidate_ids": [c2]})[0]["id"]
    run(db, cg.assign, f, {"candidate_ids": [c3], "theme_id": t2})   # dragged in by mistake ...
    run(db, cg.assign, f, {"candidate_ids": [c3], "theme_id": None})  # ... and out again
    run(db, cg.merge_themes, f, {"id": t2, "into_id": t1})
    run(db, cg.rename_theme, f, {"id": t1, "name": "A place to meet in every neighbourhood"})
    run(db, cg.edit_candidate, room["b"], {"id": c3, "text": "Respect at every counter"})
    assert [c["id"] for c in cg.candidates(db, room["cid"], theme_id=t1)] == [c1, c2]
    assert cg.get_candidate(db, room["cid"], c3)["theme_id"] is None

    run(db, cg.put_up, f, {"id": t1})
    run(db, cg.decide, f, {"id": t1, "decision": "confirmed"})
    [s] = cg.confirmed_statements(db, room["cid"])
    run(db, cg.edit_statement, f, {"id": s["id"], "text": "Every neighbourhood has a place to meet, open every day."})
    [s] = cg.confirmed_statements(db, room["cid"])
    assert s["text"] == "Every neighbourhood has a place to meet, open every day."
    assert s["theme_id"] == t1 and s["theme_name"] == "A place to meet in every neighbourhood"
    assert [c["id"] for c in s["candidates"]] == [c1, c2]
    assert {c["table_id"] for c in s["candidates"]} == set(room["tables"][:2])


def test_an_objection_keeps_a_theme_from_confirmation_until_the_facilitator_decides(db, room):
    f = staff(room["cid"])
    t = run(db, cg.create_theme, f, {"name": "Buddies for everyone", "candidate_ids": [add(db, room["a"], "Buddies")]})[0]["id"]
    with pytest.raises(DomainError) as err:
        run(db, cg.respond, room["a"], {"theme_id": t, "support": True})
    assert err.value.code == "not_up"
    run(db, cg.put_up, f, {"id": t})
    run(db, cg.respond, room["a"], {"theme_id": t, "support": True})
    run(db, cg.respond, room["b"], {"theme_id": t, "support": False, "reason": "Not without training"})
    with pytest.raises(DomainError) as err:
        run(db, cg.decide, f, {"id": t, "decision": "confirmed"})
    assert err.value.code == "has_objections"
    assert cg.get_theme(db, room["cid"], t)["state"] == "up" and count(db, "common_ground_statements") == 0

    run(db, cg.decide, f, {"id": t, "decision": "not_agreed"})
    assert cg.get_theme(db, room["cid"], t)["state"] == "not_agreed"
    public = cg.state(db, room["a2"])["themes"][0]
    assert public["objections"] == [{"support": False, "reason": "Not without training"}]
    assert "responses" not in public and "Not without training" in str(seen_by(db, presenter(room["cid"]), "cg.theme.decided"))
    staff_view = cg.state(db, f)["themes"][0]
    assert [r["support"] for r in staff_view["responses"]] == [False, True]
    with pytest.raises(DomainError):
        run(db, cg.respond, room["b"], {"theme_id": t, "support": True})


def test_an_objection_withdrawn_or_overruled(db, room):
    f = staff(room["cid"])
    t = run(db, cg.create_theme, f, {"name": "Less paperwork"})[0]["id"]
    run(db, cg.put_up, f, {"id": t})
    run(db, cg.respond, room["b"], {"theme_id": t, "support": False})
    run(db, cg.respond, room["b"], {"theme_id": t, "support": True, "reason": "With the new wording, yes"})
    assert cg.tally(db, t) == {"support": 1, "object": 0} and count(db, "common_ground_responses") == 1
    run(db, cg.decide, f, {"id": t, "decision": "confirmed", "text": "Half the forms by 2030"})
    assert cg.confirmed_statements(db, room["cid"])[0]["text"] == "Half the forms by 2030"

    t2 = run(db, cg.create_theme, f, {"name": "One counter"})[0]["id"]
    run(db, cg.put_up, f, {"id": t2})
    run(db, cg.respond, room["a"], {"theme_id": t2, "support": False})
    run(db, cg.decide, f, {"id": t2, "decision": "confirmed", "despite_objections": True})
    assert len(cg.confirmed_statements(db, room["cid"])) == 2
    assert cg.tally(db, t2) == {"support": 0, "object": 1}  # kept on record


def test_one_theme_up_at_a_time(db, room):
    f = staff(room["cid"])
    t1 = run(db, cg.create_theme, f, {"name": "One"})[0]["id"]
    t2 = run(db, cg.create_theme, f, {"name": "Two"})[0]["id"]
    run(db, cg.put_up, f, {"id": t1})
    with pytest.raises(DomainError) as err:
        run(db, cg.put_up, f, {"id": t2})
    assert err.value.code == "another_up"
    run(db, cg.take_down, f, {"id": t1})
    run(db, cg.put_up, f, {"id": t2})
    assert [t["state"] for t in cg.themes(db, room["cid"])] == ["draft", "up"]


def test_draft_themes_are_for_facilitators_and_projector_only(db, room):
    f = staff(room["cid"])
    run(db, cg.create_theme, f, {"name": "Hidden draft"})
    assert cg.state(db, room["a"])["themes"] == []
    assert seen_by(db, room["a"], "cg.theme") == []
    assert [t["name"] for t in cg.state(db, presenter(room["cid"]))["themes"]] == ["Hidden draft"]


def test_proposed_from_a_scenario_links_back(db, room):
    run(db, scenarios.update, room["a"], {"field": "title", "value": "Helmond without shame"})
    sid = scenarios.state(db, room["a"])["boards"][0]["id"]
    new = run(db, cg.propose, staff(room["cid"]), {"source_kind": "scenario", "source_id": sid,
                                                   "text": "Nobody is ashamed to ask for help", "list": "future"})[0]["id"]
    c = cg.get_candidate(db, room["cid"], new)
    assert (c["source_kind"], c["source_id"]) == ("scenario", sid)
    assert "Helmond without shame" in c["source_label"]
    with pytest.raises(DomainError):
        run(db, cg.propose, staff(room["cid"]), {"source_kind": "scenario", "source_id": 99999, "text": "x"})


def test_proposed_from_a_trend_response_links_back_and_is_offered_to_facilitators(db, room):
    group = room["a"].group_id
    trend = db["trends"].insert({"conference_id": room["cid"], "text": "More people in debt", "created_at": "x"}).last_pk
    db["trend_responses"].insert({"group_id": group, "trend_id": trend, "want_text": "Debt help without shame",
                                  "updated_at": "x"})
    offered = [s for s in cg.state(db, staff(room["cid"]))["sources"] if s["source_kind"] == "trend_response"]
    assert offered == [{"source_kind": "trend_response", "source_id": trend, "source_group_id": group,
                        "label": offered[0]["label"], "text": "Debt help without shame"}]
    assert "sources" not in cg.state(db, room["a"])
    new = run(db, cg.propose, staff(room["cid"]), {"source_kind": "trend_response", "source_id": trend,
                                                   "source_group_id": group, "text": "Debt help without shame"})[0]["id"]
    c = cg.get_candidate(db, room["cid"], new)
    assert (c["source_kind"], c["source_id"], c["source_group_id"]) == ("trend_response", trend, group)
    assert "More people in debt" in c["source_label"]
    other_group = db.execute("select id from stakeholder_groups where conference_id = ? and id != ?",
                             [room["cid"], group]).fetchone()[0]
    with pytest.raises(DomainError):  # that group has no response to this trend
        run(db, cg.propose, staff(room["cid"]), {"source_kind": "trend_response", "source_id": trend,
                                                 "source_group_id": other_group, "text": "x"})
