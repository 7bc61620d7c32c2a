"""The conference definition: the sample imports unchanged, exports again the same, bad files name the field."""
import copy
import json

import pytest

from facilitator.domain import conferences, definition, groups, participants, programme
from facilitator.domain.errors import ValidationError


def test_sample_imports_completely(memory_db, sample_data):
    cid = definition.import_definition(memory_db, sample_data)
    c = conferences.get(memory_db, cid)
    assert c["title"] == "Ruimte om te leven"
    assert c["language"] == "nl" and c["mode"] == "online"
    assert c["timeline_start_year"] == 1990 and c["timeline_lenses"] == ["personal", "local", "global"]
    assert len(groups.list_for(memory_db, cid)) == 6
    assert participants.count(memory_db, cid) == 75
    assert len(programme.days(memory_db, cid)) == 3
    assert len(programme.sessions(memory_db, cid)) == 15
    assert len(c["neighbourhoods"]) == 11
    assert len(c["join_code"]) == 6


def test_export_gives_back_what_was_imported(memory_db, sample_data):
    cid = definition.import_definition(memory_db, sample_data)
    exported = definition.export_definition(memory_db, cid)
    for key, value in sample_data.items():
        assert exported[key] == value, key


def test_export_then_import_is_stable(memory_db, sample_data):
    first = definition.export_definition(memory_db, definition.import_definition(memory_db, sample_data))
    second = definition.export_definition(memory_db, definition.import_definition(memory_db, json.loads(json.dumps(first))))
    assert first == second


def broken(sample, path, value):
    data = copy.deepcopy(sample)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize("path,value,field", [
    (("format",), "something/2", "format"),
    (("title",), "", "title"),
    (("language",), "de", "language"),
    (("mode",), "zoom", "mode"),
    (("future_year",), "soon", "future_year"),
    (("timeline", "start_year"), KeyError, "timeline.start_year"),
    (("timeline", "lenses"), ["a", "b"], "timeline.lenses"),
    (("free_places",), -1, "free_places"),
    (("stakeholder_groups", 2, "colour"), "green", "stakeholder_groups[2].colour"),
    (("stakeholder_groups", 1, "key"), "overheid", "stakeholder_groups[1].key"),
    (("participants", 3, "stakeholder_group"), "unknown", "participants[3].stakeholder_group"),
    (("participants", 4, "email"), "not-an-email", "participants[4].email"),
    (("participants", 5, "name"), "x" * 500, "participants[5].name"),
    (("days", 1, "date"), "25-02-2021", "days[1].date"),
    (("days", 0, "sessions", 2, "start"), "2pm", "days[0].sessions[2].start"),
    (("days", 0, "sessions", 2, "end"), "14:00", "days[0].sessions[2].end"),
    (("days", 0, "sessions", 1, "phase"), "middle", "days[0].sessions[1].phase"),
    (("statements", 0), 42, "statements[0]"),
    (("surprise",), 1, "surprise"),
])
def test_bad_definition_names_the_field_and_imports_nothing(memory_db, sample_data, path, value, field):
    with pytest.raises(ValidationError) as err:
        definition.import_definition(memory_db, broken(sample_data, path, value))
    assert err.value.field == field
    assert field in str(err.value)
    assert conferences.list_all(memory_db) == []
    assert memory_db.execute("select count(*) from participants").fetchone()[0] == 0


def test_not_json_is_a_clear_error():
    with pytest.raises(ValidationError) as err:
        definition.parse(b"{not json")
    assert err.value.field == "file" and "JSON" in str(err.value)


def test_a_refused_value_is_named_and_in_person_means_room(memory_db, sample_data):
    """Issue 13: "Mode must be one of: room, online, hybrid" did not say the file had "zoom"."""
    with pytest.raises(ValidationError) as err:
        definition.import_definition(memory_db, broken(sample_data, ("mode",), "zoom"))
    assert err.value.as_dict(lambda s: s)["message"] == 'Mode must be one of: room, online, hybrid (not "zoom").'
    cid = definition.import_definition(memory_db, broken(sample_data, ("mode",), "in_person"))
    assert conferences.get(memory_db, cid)["mode"] == "room"
