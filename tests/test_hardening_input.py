"""Input at the edges: free text is cleaned of control characters, and a CSV cell never runs as a formula."""
from __future__ import annotations

import csv
import io

import pytest

from facilitator.db import transaction
from facilitator.domain import notes, participants, room
from facilitator.domain import validate as v
from facilitator.domain.errors import ValidationError
from facilitator.domain.events import Actor
from facilitator.export import csv_export


@pytest.mark.parametrize("sent, kept", [
    ("plain", "plain"),
    ("NUL\x00 BEL\x07 ESC\x1b DEL\x7f C1\x85", "NUL BEL ESC DEL C1"),
    ("abc\u202edcba\u2066x\u2069", "abcdcbax"),  # bidi overrides and isolates
    ("one\r\ntwo\rthree\n\tfour", "one\ntwo\nthree\n\tfour"),  # multi-line text keeps its lines and tabs
])
def test_free_text_is_cleaned(sent, kept):
    assert v.text(sent, "text", max_len=500) == kept


def test_names_and_titles_are_one_line():
    assert v.text("Jan\nde\tVries", "name") == "Jan de Vries"
    assert v.text("Day\r\none", "title") == "Day one"
    assert v.text("Stay\nhere", "participants[2].name") == "Stay here"


def test_a_lone_surrogate_is_refused():
    for bad in ("a\ud800b", "\udfff", "x\ud83d"):
        with pytest.raises(ValidationError) as err:
            v.text(bad, "text")
        assert err.value.code == "invalid" and err.value.field == "text"
    assert v.text("ok \U0001F44D", "text") == "ok \U0001F44D"


def _post_raw(db, cid, text):
    """A note stored as it was before texts were cleaned (an older database), straight into the table."""
    staff = Actor("organiser", cid, user_id=1)
    session_id = db.execute("select id from sessions where conference_id = ? order by id limit 1", [cid]).fetchone()[0]
    person = participants.list_for(db, cid)[0]
    me = Actor("participant", cid, participant_id=person["id"])
    for fn, actor, data in ((room.goto, staff, {"session_id": session_id}), (room.set_input, staff, {"open": True}),
                            (notes.post, me, {"text": "placeholder"})):
        with transaction(db):
            result = fn(db, actor, data)
    note_id = result[0]["note"]["id"]
    db.execute("update notes set text = ? where id = ?", [text, note_id])
    return note_id


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"])
def test_a_csv_cell_never_starts_a_formula(db, sample_id, text):
    _post_raw(db, sample_id, text)
    sheet = csv_export.sheets(db, sample_id)["notes.csv"].lstrip("\ufeff")
    cell = next(csv.DictReader(io.StringIO(sheet)))["text"]
    assert cell.startswith("'") and cell[1:] == text
    assert not cell.startswith(csv_export.FORMULA_START)


def test_csv_cells_hold_no_control_characters(db, sample_id):
    _post_raw(db, sample_id, "bell\x07 and escape\x1b[31m and override\u202e, two\nlines")
    sheet = csv_export.sheets(db, sample_id)["notes.csv"].lstrip("\ufeff")
    cell = next(csv.DictReader(io.StringIO(sheet)))["text"]
    assert cell == "bell and escape[31m and override, two\nlines"
