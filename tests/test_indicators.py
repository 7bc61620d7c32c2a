"""Indicators per neighbourhood: import (long and wide form, every error case), export, boundaries,
editable neighbourhoods and themes, and the monitoring figures against a hand computation."""
import json

import pytest

from facilitator.domain import actions, conferences, goals, indicators, monitor, tags
from facilitator.domain.errors import DomainError, ValidationError
from facilitator.domain.events import Actor
from facilitator.domain.indicators import ImportProblems
from places_helpers import EXPECTED_COLOURS, GEOJSON, INDICATORS_CSV, small_conference


@pytest.fixture
def cid(memory_db):
    cid = conferences.create(memory_db, {"title": "T", "neighbourhoods": ["Noord", "Zuid", "Oost"]})
    tags.set_code(memory_db, Actor("organiser", cid), {"name": "Zuid", "code": "WK02"})
    return cid


def stored(db, cid):
    return [(r["neighbourhood"], r["indicator"], r["year"], r["value"], r["unit"]) for r in indicators.all_values(db, cid)]


def problems_of(db, cid, text):
    with pytest.raises(ImportProblems) as caught:
        indicators.import_csv(db, cid, text)
    assert stored(db, cid) == []  # nothing imported
    return caught.value.messages()


# --- good files -------------------------------------------------------------------------------

def test_long_form_with_units_and_code(memory_db, cid):
    result = indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value,unit\n"
                                                   "Noord,Low income,2019,18.5,%\nWK02,Low income,2019,12,%\n"
                                                   " noord ,MDI,2019,0.4,\n")
    assert result == {"values": 3, "removed": 0, "neighbourhoods": 2, "indicators": 2}
    assert stored(memory_db, cid) == [("Noord", "Low income", 2019, 18.5, "%"), ("Noord", "MDI", 2019, 0.4, ""),
                                      ("Zuid", "Low income", 2019, 12.0, "%")]


def test_long_form_without_unit_column_and_bom_and_dutch_headers(memory_db, cid):
    indicators.import_csv(memory_db, cid, "\ufeffWijk;Indicator;Jaar;Waarde\nNoord;MDI;2014;0,42\nOost;MDI;2014;-1\n"
                          .encode("utf-8"))
    assert stored(memory_db, cid) == [("Noord", "MDI", 2014, 0.42, ""), ("Oost", "MDI", 2014, -1.0, "")]


def test_wide_form(memory_db, cid):
    indicators.import_csv(memory_db, cid, "year,neighbourhood,MDI,Low income\n2014,Noord,0.4,\n2019,Noord,0.5,18\n"
                                          "2019,wk02,0.3,12.5\n")
    assert stored(memory_db, cid) == [("Noord", "Low income", 2019, 18.0, ""), ("Noord", "MDI", 2014, 0.4, ""),
                                      ("Noord", "MDI", 2019, 0.5, ""), ("Zuid", "Low income", 2019, 12.5, ""),
                                      ("Zuid", "MDI", 2019, 0.3, "")]


def test_a_second_import_adds_and_overwrites_and_replace_starts_afresh(memory_db, cid):
    indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,1\nZuid,MDI,2014,2\n")
    indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nnoord,mdi,2014,5\nOost,MDI,2014,3\n")
    assert stored(memory_db, cid) == [("Noord", "MDI", 2014, 5.0, ""), ("Zuid", "MDI", 2014, 2.0, ""),
                                      ("Oost", "MDI", 2014, 3.0, "")]
    result = indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nOost,Work,2020,7\n", replace=True)
    assert result["removed"] == 3
    assert stored(memory_db, cid) == [("Oost", "Work", 2020, 7.0, "")]


def test_export_imports_again_identically(memory_db, cid):
    indicators.import_csv(memory_db, cid, INDICATORS_CSV + "Noord,Low income,2019,18.5,%\n")
    text = indicators.export_csv(memory_db, cid)
    assert text.splitlines()[0] == "neighbourhood,indicator,year,value,unit"
    assert "Noord,Low income,2019,18.5,%" in text.splitlines()
    assert "Noord,MDI,2014,0.4," in text.splitlines()
    before = stored(memory_db, cid)
    indicators.import_csv(memory_db, cid, text, replace=True)
    assert stored(memory_db, cid) == before


# --- bad files: every error names its line, nothing is imported -------------------------------

def test_unknown_neighbourhood(memory_db, cid):
    assert problems_of(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,1\nAtlantis,MDI,2014,2\n") == \
        ["Line 3: unknown neighbourhood Atlantis."]


def test_unknown_neighbourhood_wide(memory_db, cid):
    assert problems_of(memory_db, cid, "neighbourhood,year,MDI,Work\nNoord,2014,1,2\nWK99,2014,1,2\n") == \
        ["Line 3: unknown neighbourhood WK99."]


def test_value_not_a_number_long_and_wide(memory_db, cid):
    assert problems_of(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,1\nZuid,MDI,2014,hoog\n") == \
        ["Line 3: the value hoog for MDI is not a number."]
    assert problems_of(memory_db, cid, "neighbourhood,year,MDI,Work\nNoord,2014,1,2\nZuid,2014,0.5,12%\n") == \
        ["Line 3: the value 12% for Work is not a number."]
    # a comma decimal only in semicolon files, where it is the custom
    assert problems_of(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,\"0,4\"\n") == \
        ["Line 2: the value 0,4 for MDI is not a number."]


def test_duplicate_rows_long_and_wide(memory_db, cid):
    assert problems_of(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,1\nZuid,MDI,2014,1\n"
                                       "noord,mdi,2014,2\n") == \
        ["Line 4 repeats mdi for Noord in 2014 (first on line 2)."]
    # by code and by name is the same neighbourhood
    assert problems_of(memory_db, cid, "neighbourhood,year,MDI\nZuid,2014,1\nWK02,2014,1\n") == \
        ["Line 3 repeats MDI for Zuid in 2014 (first on line 2)."]


def test_every_problem_of_a_file_is_listed(memory_db, cid):
    messages = problems_of(memory_db, cid, "neighbourhood,indicator,year,value\nAtlantis,MDI,2014,1\nNoord,MDI,20x4,1\n"
                                           "Noord,,2014,1\nNoord,MDI,2015,\n,MDI,2014,1\nNoord,MDI,2016,1,extra\n")
    assert messages == [
        "Line 2: unknown neighbourhood Atlantis.",
        "Line 3: the year 20x4 is not a year (four digits, 1900 to 2200).",
        "Line 4: the indicator is missing.",
        "Line 5: the value for MDI is missing.",
        "Line 6: the neighbourhood is missing.",
        "Line 7 has more cells than the first line has columns.",
    ]


def test_line_numbers_count_quoted_line_breaks(memory_db, cid):
    assert problems_of(memory_db, cid, 'neighbourhood,indicator,year,value\nNoord,"MDI\nnew",2014,1\nMars,MDI,2014,1\n') == \
        ["Line 4: unknown neighbourhood Mars."]


@pytest.mark.parametrize("text, message", [
    ("", "The file is empty."),
    ("name,value\nNoord,1\n", "The first line must name the columns"),
    ("neighbourhood,year,value\nNoord,2014,1\n", "A file in long form needs the columns"),
    ("neighbourhood,year\nNoord,2014\n", "A file in wide form needs at least one indicator column"),
    ("neighbourhood,indicator,year,value,colour\nNoord,MDI,2014,1,red\n", "Line 1: unknown column colour."),
    ("neighbourhood,year,MDI,MDI\nNoord,2014,1,2\n", "Line 1: the column MDI appears twice."),
    ("neighbourhood,indicator,year,value\n", "The file holds no values."),
    (b"neighbourhood,indicator,year,value\nNoord,MDI,2014,\xff\n", "The file is not UTF-8 text."),
])
def test_unreadable_files(memory_db, cid, text, message):
    with pytest.raises(ValidationError) as caught:
        indicators.import_csv(memory_db, cid, text)
    assert caught.value.as_dict()["message"].startswith(message)
    assert stored(memory_db, cid) == []


def test_a_bad_file_leaves_the_stored_values_alone_even_with_replace(memory_db, cid):
    indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2014,1\n")
    with pytest.raises(ImportProblems):
        indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nMars,MDI,2014,1\n", replace=True)
    assert stored(memory_db, cid) == [("Noord", "MDI", 2014, 1.0, "")]


# --- boundaries --------------------------------------------------------------------------------

def test_boundaries_matched_by_name_or_code_and_wound_for_d3(memory_db, cid):
    assert indicators.import_boundaries(memory_db, cid, json.dumps(GEOJSON)) == {"features": 3}
    kept = indicators.boundaries(memory_db, cid)
    assert [f["properties"] for f in kept["features"]] == [{"neighbourhood": "Noord"}, {"neighbourhood": "Zuid"},
                                                           {"neighbourhood": "Oost"}]
    ring = kept["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[5.6, 51.5], [5.6, 51.55], [5.7, 51.55], [5.7, 51.5], [5.6, 51.5]]  # now clockwise


def test_bad_boundaries_are_refused_whole(memory_db, cid):
    bad = {"type": "FeatureCollection", "features": [
        GEOJSON["features"][0],
        {"type": "Feature", "properties": {"naam": "Mars"}, "geometry": GEOJSON["features"][0]["geometry"]},
        {"type": "Feature", "properties": {"naam": "Oost"}, "geometry": {"type": "Point", "coordinates": [5, 51]}},
        {"type": "Feature", "properties": {"naam": "Noord"}, "geometry": GEOJSON["features"][0]["geometry"]},
        {"type": "Feature", "properties": {"naam": "Zuid"}, "geometry": {"type": "Polygon", "coordinates": [
            [[155000, 385000], [156000, 385000], [156000, 386000], [155000, 385000]]]}},
    ]}
    with pytest.raises(ImportProblems) as caught:
        indicators.import_boundaries(memory_db, cid, json.dumps(bad))
    assert caught.value.messages() == [
        "Feature 2 (Mars) matches no neighbourhood by name or code.",
        "Feature 3 (Oost) is not a Polygon or MultiPolygon.",
        "Feature 4 is Noord again (first feature 1).",
        "Feature 5 (Zuid) is not in longitude and latitude (WGS 84).",
    ]
    assert indicators.boundaries(memory_db, cid) is None
    for text in ("not json", json.dumps({"type": "Feature"}), json.dumps({"type": "FeatureCollection", "features": []})):
        with pytest.raises(ValidationError):
            indicators.import_boundaries(memory_db, cid, text)


def test_boundaries_by_a_named_property(memory_db, cid):
    with pytest.raises(ImportProblems) as caught:
        indicators.import_boundaries(memory_db, cid, json.dumps(GEOJSON), property_name="naam")
    assert caught.value.messages() == ["Feature 2 (Zuidelijk) matches no neighbourhood by name or code."]
    with pytest.raises(ImportProblems) as caught:  # only Zuid has a code (WK02)
        indicators.import_boundaries(memory_db, cid, json.dumps(GEOJSON), property_name="code")
    assert caught.value.messages() == ["Feature 1 (WK01) matches no neighbourhood by name or code.",
                                       "Feature 3 (WK03) matches no neighbourhood by name or code."]
    tags.set_code(memory_db, Actor("organiser", cid), {"name": "Noord", "code": "WK01"})
    tags.set_code(memory_db, Actor("organiser", cid), {"name": "Oost", "code": "WK03"})
    assert indicators.import_boundaries(memory_db, cid, json.dumps(GEOJSON), property_name="code") == {"features": 3}


# --- neighbourhoods and themes, edited ----------------------------------------------------------

def test_rename_a_neighbourhood_follows_every_tag(memory_db):
    s = small_conference(memory_db)
    db, cid, staff = memory_db, s["cid"], s["staff"]
    result, events = tags.rename(db, staff, {"kind": "neighbourhoods", "name": "Zuid", "new_name": "Zuidhoek"})
    assert result == {"kind": "neighbourhoods", "name": "Zuid", "new_name": "Zuidhoek"}
    assert tags.names(db, cid, "neighbourhoods") == ["Noord", "Zuidhoek", "Oost"]
    assert goals.get(db, cid, s["g1"]["id"])["neighbourhoods"] == ["Zuidhoek"]
    assert actions.public(db, actions.get(db, cid, s["a2"]["id"]))["neighbourhoods"] == ["Zuidhoek", "Oost"]
    assert actions.public(db, actions.get(db, cid, s["a1"]["id"]))["neighbourhoods"] == []
    assert {r["neighbourhood"] for r in indicators.all_values(db, cid)} == {"Noord", "Zuidhoek", "Oost"}
    assert tags.codes(db, cid) == {"Zuidhoek": "WK02"}
    assert [f["properties"]["neighbourhood"] for f in indicators.boundaries(db, cid)["features"]] == ["Noord", "Zuidhoek", "Oost"]
    assert [e["kind"] for e in events] == ["goal.updated", "action.updated", "tags.changed"]
    assert events[1]["data"]["action"]["id"] == s["a2"]["id"]
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    assert events[-1]["data"]["tags"]["neighbourhoods"] == ["Noord", "Zuidhoek", "Oost"]


def test_rename_and_remove_a_theme(memory_db):
    s = small_conference(memory_db)
    db, cid, staff = memory_db, s["cid"], s["staff"]
    goals.update(db, staff, {"goal_id": s["g2"]["id"], "themes": ["Poverty", "Health"]})
    _r, events = tags.rename(db, staff, {"kind": "themes", "name": "Poverty", "new_name": "Income"})
    assert goals.get(db, cid, s["g2"]["id"])["themes"] == ["Income", "Health"]
    assert [e["kind"] for e in events] == ["goal.updated", "tags.changed"]
    _r, events = tags.remove(db, staff, {"kind": "themes", "name": "Income"})
    assert goals.get(db, cid, s["g2"]["id"])["themes"] == ["Health"]
    assert tags.names(db, cid, "themes") == []


def test_remove_a_neighbourhood_takes_its_tags_and_values(memory_db):
    s = small_conference(memory_db)
    db, cid, staff = memory_db, s["cid"], s["staff"]
    tags.remove(db, staff, {"kind": "neighbourhoods", "name": "Oost"})
    assert actions.public(db, actions.get(db, cid, s["a2"]["id"]))["neighbourhoods"] == ["Zuid"]
    assert actions.public(db, actions.get(db, cid, s["a4"]["id"]))["neighbourhoods"] == []
    assert {r["neighbourhood"] for r in indicators.all_values(db, cid)} == {"Noord", "Zuid"}
    assert len(indicators.boundaries(db, cid)["features"]) == 2


@pytest.mark.parametrize("fn, data, message", [
    (tags.rename, {"kind": "neighbourhoods", "name": "Zuid", "new_name": "noord"}, "noord is already in the list."),
    (tags.rename, {"kind": "neighbourhoods", "name": "Zuid", "new_name": ""}, "New_name is required."),
    (tags.rename, {"kind": "neighbourhoods", "name": "Zuid", "new_name": "WK02x" * 30}, "too long"),
    (tags.rename, {"kind": "neighbourhoods", "name": "Mars", "new_name": "Venus"}, "Not found: neighbourhood."),
    (tags.rename, {"kind": "themes", "name": "Poverty", "new_name": "Health"}, "Health is already a broad-prosperity theme."),
    (tags.rename, {"kind": "streets", "name": "Zuid", "new_name": "Z"}, "kind"),
    (tags.add, {"kind": "neighbourhoods", "name": "OOST"}, "OOST is already in the list."),
    (tags.add, {"kind": "neighbourhoods", "name": "West", "code": "wk02"}, "The code wk02 is already used for Zuid."),
    (tags.set_code, {"name": "Noord", "code": "Oost"}, "The code Oost is the name of another neighbourhood."),
    (tags.remove, {"kind": "themes", "name": "Health"}, "Not found: theme."),
])
def test_bad_tag_changes_change_nothing(memory_db, fn, data, message):
    s = small_conference(memory_db)
    before = (tags.names(memory_db, s["cid"], "neighbourhoods"), tags.names(memory_db, s["cid"], "themes"),
              tags.codes(memory_db, s["cid"]))
    with pytest.raises(DomainError) as caught:
        fn(memory_db, s["staff"], data)
    assert message.lower() in caught.value.as_dict()["message"].lower()
    assert before == (tags.names(memory_db, s["cid"], "neighbourhoods"), tags.names(memory_db, s["cid"], "themes"),
                      tags.codes(memory_db, s["cid"]))


def test_only_staff_edit_tags(memory_db):
    s = small_conference(memory_db)
    with pytest.raises(DomainError):
        tags.add(memory_db, Actor("participant", s["cid"], participant_id=1), {"kind": "themes", "name": "X"})


def test_add_then_tag_an_action_with_it(memory_db):
    s = small_conference(memory_db)
    tags.add(memory_db, s["staff"], {"kind": "neighbourhoods", "name": "West", "code": "WK04"})
    actions.update(memory_db, s["staff"], {"action_id": s["a1"]["id"], "neighbourhoods": ["West"]})
    indicators.import_csv(memory_db, s["cid"], "neighbourhood,indicator,year,value\nWK04,MDI,2023,0.9\n")
    assert monitor.monitor(memory_db, s["cid"])["need"]["ranking"][0]["name"] == "West"


# --- the monitoring figures, by hand (tests/places_helpers.py) ------------------------------------

def test_monitor_figures_match_the_hand_computation(memory_db):
    s = small_conference(memory_db)
    m = monitor.monitor(memory_db, s["cid"])
    need = m["need"]
    assert need["indicator"] == "MDI" and need["top"] == 1
    assert need["mean_actions"] == pytest.approx(4 / 3)
    assert [(r["name"], r["rank"], r["value"], r["action_count"], r["flagged"]) for r in need["ranking"]] == [
        ("Noord", 1, 0.5, 0, True), ("Oost", 2, 0.35, 2, False), ("Zuid", 3, 0.2, 2, False)]
    places = {p["name"]: p for p in m["neighbourhoods"]}
    oost = places["Oost"]["indicators"][0]
    assert (oost["latest"], oost["latest_year"], oost["first_year"]) == (0.35, 2023, 2014)
    assert oost["change"] == pytest.approx(0.25)
    assert places["Zuid"]["indicators"][0]["change"] == pytest.approx(-0.1)
    assert [(gr["theme"], [a["what"] for a in gr["actions"]]) for gr in places["Oost"]["by_theme"]] == [
        ("Health", ["Sports in the park"]), ("", ["Job fair"])]
    assert places["Oost"]["counts"]["done"] == 1
    assert places["Noord"]["counts"]["stopped"] == 1
    assert need["ranking"][1]["last"]["text"] == "Forty people found work"
    assert m["map"]["colours"] == EXPECTED_COLOURS
    assert m["map"]["counts"] == {"Noord": 0, "Zuid": 2, "Oost": 2}
    assert m["trend"]["years"] == [2014, 2023] and (m["trend"]["min"], m["trend"]["max"]) == (0.1, 0.5)


def test_monitor_filters_and_lower_is_need(memory_db):
    s = small_conference(memory_db)
    m = monitor.monitor(memory_db, s["cid"], status="done")
    assert {r["name"]: r["action_count"] for r in m["need"]["ranking"]} == {"Noord": 0, "Oost": 1, "Zuid": 0}
    m = monitor.monitor(memory_db, s["cid"], theme="Health")
    assert {r["name"]: r["action_count"] for r in m["need"]["ranking"]} == {"Noord": 0, "Oost": 1, "Zuid": 2}
    m = monitor.monitor(memory_db, s["cid"], goal_id=s["g2"]["id"])
    assert {r["name"]: r["action_count"] for r in m["need"]["ranking"]} == {"Noord": 0, "Oost": 1, "Zuid": 0}
    m = monitor.monitor(memory_db, s["cid"], lower_is_need=True)
    assert [(r["name"], r["rank"], r["flagged"]) for r in m["need"]["ranking"]] == [
        ("Zuid", 1, False), ("Oost", 2, False), ("Noord", 3, False)]


def test_ranks_share_equal_values_and_unranked_come_last(memory_db, cid):
    indicators.import_csv(memory_db, cid, "neighbourhood,indicator,year,value\nNoord,MDI,2020,1\nZuid,MDI,2020,1\n")
    ranking = monitor.monitor(memory_db, cid)["need"]["ranking"]
    assert [(r["name"], r["rank"]) for r in ranking] == [("Noord", 1), ("Zuid", 1), ("Oost", None)]
    assert monitor.classes([1.0, 1.0]) == [{"min": 1.0, "max": 1.0, "colour": monitor.PALETTE[2]}]
