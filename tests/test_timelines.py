"""Timelines: decades from the start year, entries placed in them, the review per mixed table."""
from datetime import date

import pytest

from facilitator.db import rows, transaction
from facilitator.domain import conferences, participants, tables, timeline_reviews, timelines
from facilitator.domain.errors import DomainError, Forbidden
from facilitator.domain.events import Actor

THIS_YEAR = date.today().year


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def person(db, cid, n=0):
    p = participants.list_for(db, cid)[n]
    return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])


def staff(cid):
    return Actor("facilitator", cid, user_id=1)


def test_decades_of_a_round_start_year():
    assert [d["decade"] for d in timelines.decades(1990, 2021)] == [1990, 2000, 2010, 2020]
    assert [d["label"] for d in timelines.decades(1990, 2021)] == ["1990s", "2000s", "2010s", "2020-2021"]


def test_decades_cut_to_an_odd_start_year_and_to_now():
    ds = timelines.decades(1994, 2025)
    assert [(d["from"], d["to"]) for d in ds] == [(1994, 1999), (2000, 2009), (2010, 2019), (2020, 2025)]
    assert ds[0]["decade"] == 1990 and ds[0]["label"] == "1994-1999"
    assert timelines.decades(2020, 2020) == [{"decade": 2020, "from": 2020, "to": 2020, "label": "2020",
                                              "message": None, "params": None}]
    assert [d["decade"] for d in timelines.decades(1999, 2000)] == [1990, 2000]


def test_decades_follow_the_conference_start_year(db, sample_id):
    conferences.update(db, sample_id, {"timeline_start_year": 1985})
    state = timelines.state(db, person(db, sample_id))
    assert state["decades"][0] == {"decade": 1980, "from": 1985, "to": 1989, "label": "1985-1989",
                                   "message": None, "params": None}
    assert state["decades"][-1]["decade"] == 2020
    assert state["lenses"] == ["personal", "local", "global"]


def test_a_year_places_the_entry_in_its_decade(db, sample_id):
    me = person(db, sample_id)
    entry, [event] = do(db, timelines.add_entry, me, {"lens": 1, "year": 2008, "text": "Crisis hits the city"})
    assert (entry["decade"], entry["year"], entry["mine"]) == (2000, 2008, True)
    assert event["kind"] == "timeline.entry" and "participant_id" not in event["data"]
    entry, _ = do(db, timelines.add_entry, me, {"lens": 0, "decade": 2010, "text": "My first job"})
    assert (entry["decade"], entry["year"]) == (2010, None)


@pytest.mark.parametrize("data", [
    {"lens": 3, "decade": 2000, "text": "x"}, {"lens": -1, "decade": 2000, "text": "x"},
    {"lens": 0, "decade": 1980, "text": "before the start"}, {"lens": 0, "decade": 2005, "text": "not a decade"},
    {"lens": 0, "year": 1989, "text": "before the start"}, {"lens": 0, "year": THIS_YEAR + 1, "text": "future"},
    {"lens": 0, "decade": 2000, "text": ""}, {"lens": 0, "decade": 2000, "text": "x" * 161},
    {"lens": 0, "text": "no place"}, {"lens": "a", "decade": 2000, "text": "x"},
])
def test_bad_entries_are_refused(db, sample_id, data):
    with pytest.raises(DomainError):
        do(db, timelines.add_entry, person(db, sample_id), data)
    assert rows(db, "select * from timeline_entries") == []


def test_only_the_author_changes_an_entry_and_staff_may_remove_it(db, sample_id):
    me, other = person(db, sample_id, 0), person(db, sample_id, 1)
    entry, _ = do(db, timelines.add_entry, me, {"lens": 2, "decade": 2020, "text": "Pandemic"})
    with pytest.raises(Forbidden):
        do(db, timelines.edit_entry, other, {"id": entry["id"], "text": "Mine now"})
    with pytest.raises(Forbidden):
        do(db, timelines.remove_entry, other, {"id": entry["id"]})
    edited, _ = do(db, timelines.edit_entry, me, {"id": entry["id"], "text": "COVID-19", "year": 2020})
    assert (edited["text"], edited["year"]) == ("COVID-19", 2020)
    assert [e["mine"] for e in timelines.state(db, other)["entries"]] == [False]
    assert [e["mine"] for e in timelines.state(db, me)["entries"]] == [True]
    do(db, timelines.remove_entry, staff(sample_id), {"id": entry["id"]})
    assert timelines.state(db, me)["entries"] == []


def test_the_facilitator_puts_one_timeline_on_the_projector(db, sample_id):
    _, [event] = do(db, timelines.show, staff(sample_id), {"lens": 1})
    assert event["kind"] == "timeline.show" and event["data"] == {"id": 1}
    assert timelines.state(db, Actor("presenter", sample_id))["showing"] == 1
    do(db, timelines.show, staff(sample_id), {"lens": None})
    assert timelines.state(db, Actor("presenter", sample_id))["showing"] is None
    with pytest.raises(DomainError):
        do(db, timelines.show, staff(sample_id), {"lens": 3})
    with pytest.raises(Forbidden):
        do(db, timelines.show, person(db, sample_id), {"lens": 0})


def test_staff_do_not_post_entries(db, sample_id):
    with pytest.raises(Forbidden):
        do(db, timelines.add_entry, staff(sample_id), {"lens": 0, "decade": 2000, "text": "x"})


# --- review per mixed table --------------------------------------------------------------

@pytest.fixture
def tabling(db, sample_id):
    return tables.create_tabling(db, sample_id, "Timelines", table_size=10, seed=7)


def member_of(db, cid, table):
    p = participants.get(db, cid, table["members"][0]["id"])
    return Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"])


def test_tables_get_a_timeline_each_and_members_write_their_report(db, sample_id, tabling):
    t1, t2 = tables.tables_of(db, tabling)[:2]
    state = timeline_reviews.state(db, staff(sample_id))
    assert len(state["tables"]) == 8 and [r["lens"] for r in state["reports"][:4]] == [0, 1, 2, 0]
    writer = member_of(db, sample_id, t1)
    report, evs = do(db, timeline_reviews.write, writer, {"table_id": t1["id"], "story": "From factories to care"})
    assert report["story"] == "From factories to care" and report["implications"] == ""
    assert {e["audience"] for e in evs} == {f"table:{t1['id']}", "presenters"}
    report, _ = do(db, timeline_reviews.write, writer, {"table_id": t1["id"], "implications": "Start with people"})
    assert report["story"] == "From factories to care" and report["version"] == 2
    # Someone from another table may neither write it nor see it.
    outsider = member_of(db, sample_id, t2)
    with pytest.raises(Forbidden):
        do(db, timeline_reviews.write, outsider, {"table_id": t1["id"], "story": "overwritten"})
    seen = timeline_reviews.state(db, outsider)["reports"]
    assert [r["table_id"] for r in seen] == [t2["id"]]


def test_facilitator_assigns_a_timeline_and_chooses_what_the_projector_shows(db, sample_id, tabling):
    t1 = tables.tables_of(db, tabling)[0]
    report, _ = do(db, timeline_reviews.assign, staff(sample_id), {"table_id": t1["id"], "lens": 2})
    assert report["lens"] == 2
    with pytest.raises(DomainError):
        do(db, timeline_reviews.assign, staff(sample_id), {"table_id": t1["id"], "lens": 5})
    with pytest.raises(Forbidden):
        do(db, timeline_reviews.assign, member_of(db, sample_id, t1), {"table_id": t1["id"], "lens": 1})
    do(db, timeline_reviews.show, staff(sample_id), {"table_id": t1["id"]})
    assert timeline_reviews.state(db, Actor("presenter", sample_id))["showing"] == t1["id"]


def test_the_last_decade_ends_in_the_conferences_own_year_not_todays(db, sample_id):
    """The sample conference met in February 2021: its timeline runs to 2021, whatever today is."""
    state = timelines.state(db, person(db, sample_id))
    assert state["decades"][-1] == {"decade": 2020, "from": 2020, "to": 2021, "label": "2020-2021",
                                    "message": None, "params": None}
    with pytest.raises(DomainError):
        do(db, timelines.add_entry, person(db, sample_id), {"lens": 0, "year": 2023, "text": "After the conference"})


def test_whole_decades_in_the_words_dutch_readers_use(app):
    from facilitator.i18n import in_language
    from flask_babel import gettext
    ds = {d["decade"]: d for d in timelines.decades(1965, 2024)}
    with in_language("nl"):
        assert [timelines.decade_label(ds[y], gettext) for y in (1970, 1990, 2000, 2010, 1960, 2020)] == [
            "jaren 70", "jaren 90", "jaren 2000", "jaren 2010", "1965-1969", "2020-2024"]
    with in_language("en"):
        assert timelines.decade_label(ds[1970], gettext) == "the 70s"
    assert timelines.decade_label(ds[1970]) == "1970s"  # without the catalogue
