"""Scenario boards: a table edits together; other tables see nothing until presentations open."""
import pytest

from facilitator.domain import scenarios as sc
from facilitator.domain.errors import DomainError, Forbidden
from tests.shared_future_helpers import count, person, presenter, run, seat, seen_by, staff


@pytest.fixture
def room(db, sample_id):
    seated = seat(db, sample_id)
    t = sorted(seated)
    return {"cid": sample_id, "tables": t, "a": person(db, seated[t[0]][0]), "a2": person(db, seated[t[0]][1]),
            "b": person(db, seated[t[1]][0])}


def fill(db, actor):
    run(db, sc.update, actor, {"field": "title", "value": "Helmond helps"})
    run(db, sc.update, actor, {"field": "story", "value": "It is 2030. Nobody waits alone."})
    run(db, sc.update, actor, {"field": "barriers", "value": "Shame; rules that did not fit"})
    return run(db, sc.add_feature, actor, {"text": "A buddy for everyone"})[0]["id"]


def test_the_table_edits_one_board_together(db, room):
    fill(db, room["a"])
    run(db, sc.update, room["a2"], {"field": "title", "value": "Helmond helps each other"})
    [board] = sc.state(db, room["a2"])["boards"]
    assert board["title"] == "Helmond helps each other" and board["story"].startswith("It is 2030")
    assert [f["text"] for f in board["features"]] == ["A buddy for everyone"]
    assert sc.state(db, room["a"])["future_year"] == 2030
    assert count(db, "scenarios") == 1


def test_other_tables_see_nothing_before_presentations_in_events_and_snapshots(db, room):
    fill(db, room["a"])
    for outsider in (room["b"], presenter(room["cid"])):
        assert all(b["table_id"] != room["tables"][0] for b in sc.state(db, outsider)["boards"])
        assert seen_by(db, outsider, "scenario.") == []
    assert len(seen_by(db, room["a2"], "scenario.")) == 4
    assert len(sc.state(db, staff(room["cid"]))["boards"]) == len(room["tables"])
    with pytest.raises(Forbidden):
        run(db, sc.update, room["b"], {"table_id": room["tables"][0], "field": "title", "value": "Taken over"})
    with pytest.raises(DomainError):
        run(db, sc.react, room["b"], {"table_id": room["tables"][0]})


def test_presentations_show_every_board_and_count_resonance(db, room):
    feature = fill(db, room["a"])
    f = staff(room["cid"])
    with pytest.raises(DomainError):
        run(db, sc.present, f, {"table_id": room["tables"][0]})
    run(db, sc.open_presentations, f, {})
    shown = sc.state(db, room["b"])
    assert shown["open"] and shown["current_table_id"] == room["tables"][0]
    assert next(b for b in shown["boards"] if b["table_id"] == room["tables"][0])["title"] == "Helmond helps"
    assert "Helmond helps" in str(seen_by(db, presenter(room["cid"]), "scenario.presentations"))
    run(db, sc.edit_feature, room["a"], {"feature_id": feature, "text": "A buddy for everyone who wants one"})
    assert "who wants one" in str(seen_by(db, room["b"], "scenario.feature_changed"))

    run(db, sc.present, f, {"table_id": room["tables"][1]})
    assert run(db, sc.react, room["b"], {"table_id": room["tables"][0]})[0] == {
        "table_id": room["tables"][0], "reacted": True, "reactions": 1}
    run(db, sc.react, room["a"], {"table_id": room["tables"][0]})
    assert run(db, sc.react, room["b"], {"table_id": room["tables"][0]})[0]["reactions"] == 1  # taken back
    assert sc.state(db, room["a"])["my_reactions"] == [room["tables"][0]]

    run(db, sc.close_presentations, f, {})
    assert [b["table_id"] for b in sc.state(db, room["b"])["boards"]] == [room["tables"][1]]


def test_features_belong_to_their_table(db, room):
    feature = fill(db, room["a"])
    with pytest.raises(DomainError):
        run(db, sc.remove_feature, room["b"], {"feature_id": feature})
    run(db, sc.remove_feature, room["a2"], {"feature_id": feature})
    assert count(db, "scenario_features") == 0


def test_participant_without_a_table_gets_a_clear_error(db, sample_id):
    alice = person(db, db.execute("select min(id) from participants").fetchone()[0])
    with pytest.raises(DomainError) as err:
        run(db, sc.update, alice, {"field": "title", "value": "x"})
    assert err.value.code == "no_table"


def test_the_presentations_start_with_the_first_table_that_wrote_a_scenario(db, room):
    """Issue 13: they started at table 1 even when it had nothing to show."""
    fill(db, room["b"])  # the second table wrote one, the first did not
    run(db, sc.open_presentations, staff(room["cid"]), {})
    assert sc.state(db, room["a"])["current_table_id"] == room["tables"][1]
