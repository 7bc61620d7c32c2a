"""Statements: one answer per person, changeable until closed; results per stakeholder group."""
import pytest

from facilitator.domain import statements as st
from facilitator.domain.errors import DomainError, Forbidden, NotFound, ValidationError
from tests.shared_future_helpers import count, one_per_group, person, presenter, run, seen_by, staff


@pytest.fixture
def ids(db, sample_id):
    return [s["id"] for s in st.list_for(db, sample_id)]


def put_up(db, cid, ids, **options):
    return run(db, st.put_up, staff(cid), {"ids": ids, **options})


def test_sample_has_five_draft_statements_invisible_to_participants(db, sample_id, ids):
    assert len(ids) == 5
    alice = one_per_group(db, sample_id)[0]
    assert st.state(db, alice)["statements"] == []
    assert len(st.state(db, staff(sample_id))["statements"]) == 5
    with pytest.raises(NotFound):
        run(db, st.answer, alice, {"statement_id": ids[0], "answer": "agree"})


def test_one_answer_per_person_changeable_until_closed(db, sample_id, ids):
    put_up(db, sample_id, [ids[0]])
    alice = one_per_group(db, sample_id)[0]
    run(db, st.answer, alice, {"statement_id": ids[0], "answer": "agree", "reason": "Seen it myself"})
    run(db, st.answer, alice, {"statement_id": ids[0], "answer": "disagree"})
    assert count(db, "statement_answers") == 1
    result = st.results(db, st.get(db, sample_id, ids[0]))
    assert result["total"] == 1 and result["counts"] == {"agree": 0, "disagree": 1, "pass": 0}
    assert result["reasons"] == []  # the second answer replaced the reason too

    run(db, st.close, staff(sample_id), {"ids": [ids[0]]})
    with pytest.raises(DomainError) as err:
        run(db, st.answer, alice, {"statement_id": ids[0], "answer": "agree"})
    assert err.value.code == "statement_closed"
    assert st.results(db, st.get(db, sample_id, ids[0]))["counts"]["disagree"] == 1


def test_scale5_takes_one_to_five_or_pass(db, sample_id):
    new = run(db, st.add, staff(sample_id), {"text": "Helmond is a good place to grow up.", "scale": "scale5"})[0]["id"]
    put_up(db, sample_id, [new])
    alice = one_per_group(db, sample_id)[0]
    with pytest.raises(ValidationError):
        run(db, st.answer, alice, {"statement_id": new, "answer": "agree"})
    run(db, st.answer, alice, {"statement_id": new, "answer": 4})
    assert st.results(db, st.get(db, sample_id, new))["counts"]["4"] == 1
    assert st.results(db, st.get(db, sample_id, new))["score"] == 0.5


def test_results_split_per_stakeholder_group(db, sample_id, ids):
    put_up(db, sample_id, [ids[0]])
    people = one_per_group(db, sample_id)
    for i, p in enumerate(people):
        run(db, st.answer, p, {"statement_id": ids[0], "answer": "agree" if i < 4 else "disagree"})
    result = st.results(db, st.get(db, sample_id, ids[0]))
    assert result["counts"] == {"agree": 4, "disagree": 2, "pass": 0}
    by_group = {g["group_id"]: g for g in result["groups"]}
    assert [by_group[p.group_id]["counts"]["agree"] for p in people] == [1, 1, 1, 1, 0, 0]
    assert by_group[people[5].group_id]["score"] == -1.0


def test_results_on_reveal_stay_hidden_from_the_room_until_revealed(db, sample_id, ids):
    put_up(db, sample_id, [ids[1]], results="reveal")
    alice, bob = one_per_group(db, sample_id)[:2]
    run(db, st.answer, alice, {"statement_id": ids[1], "answer": "agree"})
    for viewer in (bob, presenter(sample_id)):
        shown = st.state(db, viewer)["statements"][0]
        assert "result" not in shown and shown["answered"] == 1
        assert all("result" not in e["data"] and "result" not in e["data"].get("statement", {})
                   for e in seen_by(db, viewer, "statement."))
    assert st.state(db, staff(sample_id))["statements"][1]["result"]["total"] == 1

    run(db, st.reveal, staff(sample_id), {"ids": [ids[1]]})
    assert st.state(db, bob)["statements"][0]["result"]["counts"]["agree"] == 1


def test_reasons_are_anonymous_unless_the_statement_is_not(db, sample_id, ids):
    put_up(db, sample_id, [ids[0]])
    put_up(db, sample_id, [ids[2]], anonymous=False)
    alice = one_per_group(db, sample_id)[0]
    for sid in (ids[0], ids[2]):
        run(db, st.answer, alice, {"statement_id": sid, "answer": "pass", "reason": "Hard to say"})
    anonymous = st.results(db, st.get(db, sample_id, ids[0]))["reasons"]
    named = st.results(db, st.get(db, sample_id, ids[2]))["reasons"]
    assert anonymous == [{"text": "Hard to say", "answer": "pass"}]
    assert named[0]["name"] and named[0]["group_id"] == alice.group_id
    # and the events the room received about the anonymous one carry no participant
    bob = one_per_group(db, sample_id)[1]
    for e in seen_by(db, bob, "statement.results"):
        if e["data"]["statement_id"] == ids[0]:
            assert "name" not in str(e["data"]["result"]["reasons"])


def test_most_common_and_most_divisive_are_highlighted(db, sample_id, ids):
    put_up(db, sample_id, ids[:3])
    people = one_per_group(db, sample_id)
    for i, p in enumerate(people):
        run(db, st.answer, p, {"statement_id": ids[0], "answer": "agree"})                       # all groups agree
        run(db, st.answer, p, {"statement_id": ids[1], "answer": "agree" if i % 2 else "disagree"})  # groups split
        run(db, st.answer, p, {"statement_id": ids[2], "answer": "agree" if i else "pass"})
    assert st.public_highlights(db, sample_id) == {"common": ids[0], "divisive": ids[1]}
    assert st.state(db, people[0])["highlights"] == {"common": ids[0], "divisive": ids[1]}


def test_one_at_a_time_closes_the_others(db, sample_id, ids):
    put_up(db, sample_id, ids[:2])
    put_up(db, sample_id, [ids[2]], only=True)
    states = {s["id"]: s["state"] for s in st.list_for(db, sample_id)}
    assert [states[i] for i in ids[:3]] == ["closed", "closed", "open"]


def test_answers_need_a_participant_and_staff_changes_need_staff(db, sample_id, ids):
    alice = one_per_group(db, sample_id)[0]
    with pytest.raises(Forbidden):
        run(db, st.put_up, alice, {"ids": [ids[0]]})
    with pytest.raises(Forbidden):
        run(db, st.add, alice, {"text": "Mine"})
    put_up(db, sample_id, [ids[0]])
    with pytest.raises(Forbidden):
        run(db, st.answer, staff(sample_id), {"statement_id": ids[0], "answer": "agree"})


def test_wording_is_fixed_once_answered(db, sample_id, ids):
    run(db, st.edit, staff(sample_id), {"id": ids[0], "text": "Poverty is often hidden."})
    put_up(db, sample_id, [ids[0]])
    run(db, st.answer, one_per_group(db, sample_id)[0], {"statement_id": ids[0], "answer": "agree"})
    with pytest.raises(DomainError) as err:
        run(db, st.edit, staff(sample_id), {"id": ids[0], "text": "Something else"})
    assert err.value.code == "has_answers"
    assert st.get(db, sample_id, ids[0])["text"] == "Poverty is often hidden."


def test_own_answer_goes_only_to_the_person(db, sample_id, ids):
    put_up(db, sample_id, [ids[0]])
    alice, bob = one_per_group(db, sample_id)[:2]
    run(db, st.answer, alice, {"statement_id": ids[0], "answer": "agree", "reason": "x"})
    assert [e["data"]["answer"] for e in seen_by(db, alice, "statement.answer")] == ["agree"]
    assert seen_by(db, bob, "statement.answer") == []
    assert st.state(db, alice)["statements"][0]["mine"] == {"answer": "agree", "reason": "x"}


def recount(db, s):
    """The results counted the plain way, answer by answer (what st.results counts in SQL)."""
    answers = [dict(r) for r in db.query(
        "select a.answer, a.reason, p.name, p.hide_name, p.stakeholder_group_id as group_id from statement_answers a "
        "join participants p on p.id = a.participant_id where a.statement_id = ? order by a.updated_at, a.participant_id",
        [s["id"]])]
    choices = st.ANSWERS[s["scale"]]

    def tally(found):
        scores = [st.SCORE[a["answer"]] for a in found if a["answer"] in st.SCORE]
        return {"total": len(found), "counts": {c: sum(a["answer"] == c for a in found) for c in choices},
                "score": round(sum(scores) / len(scores), 3) if scores else None}

    groups = {g["id"]: {"group_id": g["id"], "name": g["name"], "colour": g["colour"]} for g in db.query(
        "select id, name, colour from stakeholder_groups where conference_id = ? order by position, id", [s["conference_id"]])}
    for a in answers:
        groups.setdefault(a["group_id"], {"group_id": a["group_id"], "name": "", "colour": "#888888"})
    for gid, g in groups.items():
        g.update(tally([a for a in answers if a["group_id"] == gid]))
    reasons = [{"text": a["reason"], "answer": a["answer"]}
               | ({} if s["anonymous"] else {"name": "" if a["hide_name"] else a["name"], "group_id": a["group_id"]})
               for a in answers if a["reason"]][-st.REASONS_SHOWN:]
    return {**tally(answers), "groups": list(groups.values()), "reasons": reasons}


@pytest.mark.parametrize("anonymous", [True, False])
def test_results_counted_in_sql_are_the_plain_recount(db, sample_id, ids, monkeypatch, anonymous):
    """Every answer, a person without a group, a changed answer, more reasons than are shown."""
    monkeypatch.setattr(st, "REASONS_SHOWN", 4)
    new = run(db, st.add, staff(sample_id), {"text": "Everyone can take part.", "scale": "scale5"})[0]["id"]
    db["statements"].update(new, {"anonymous": int(anonymous)})
    put_up(db, sample_id, [new])
    people = [person(db, p["id"]) for p in db.query(
        "select id from participants where conference_id = ? order by id", [sample_id])]
    db.execute("update participants set stakeholder_group_id = null where id = ?", [people[0].participant_id])
    db.execute("update participants set hide_name = 1 where id = ?", [people[1].participant_id])
    for i, p in enumerate(people[:12]):
        reason = f"reason {i}" if i % 2 == 0 else ""
        run(db, st.answer, p, {"statement_id": new, "answer": ["1", "2", "3", "4", "5", "pass"][i % 6], "reason": reason})
    run(db, st.answer, people[3], {"statement_id": new, "answer": "5", "reason": "changed my mind"})
    s = st.get(db, sample_id, new)
    got = st.results(db, s)
    assert got == recount(db, s)
    assert got["total"] == 12 and len(got["reasons"]) == 4 and (got["counts"]["4"], got["counts"]["5"]) == (1, 3)
    assert any(g["group_id"] is None and g["total"] == 1 for g in got["groups"])


def test_a_resync_returns_only_the_newest_results_of_a_statement(db, sample_id, ids):
    from facilitator.domain import events

    put_up(db, sample_id, [ids[0]])
    start = events.last_seq(db, sample_id)
    people = one_per_group(db, sample_id)
    for p in people[:3]:
        run(db, st.answer, p, {"statement_id": ids[0], "answer": "agree"})
    missed = events.since(db, people[0], start)
    results = [e for e in missed if e["kind"] == "statement.results"]
    assert [e["data"]["answered"] for e in results] == [3]
    assert [e["kind"] for e in missed].count("statement.answer") == 1  # only this person's own answer
    assert len(events.since(db, staff(sample_id), start)) == 3 + 1  # staff: the three answers and the newest results
