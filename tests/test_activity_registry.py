"""The activity registry (facilitator/domain/activities.py) is the one place that lists activity types:
every reader takes it from there, each entry points at code that exists, and every live page hands
it to the browser as JSON in the page's language."""
from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from facilitator.domain import activities, definition, participants, programme, room
from facilitator.domain.errors import ValidationError
from facilitator.domain.events import Actor

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "facilitator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
REGISTRY_JSON = re.compile(r'<script type="application/json" id="activity-registry">(.*?)</script>', re.S)


def dutch() -> dict:
    return {m.id: m.string for m in read_po(PO.open("rb")) if m.id and m.string}


def expected(language: str) -> list[dict]:
    words = dutch() if language == "nl" else {}
    return [{"name": a.name, "label": words.get(a.label, a.label), "phase": a.phase, "takes_input": a.takes_input,
             "groupings": list(a.groupings), "module": a.module} for a in activities.REGISTRY]


# --- each entry points at what exists ---------------------------------------------------------

def test_every_entry_is_complete_and_points_at_existing_code():
    from facilitator.export import csv_export, docx_report

    names = [a.name for a in activities.REGISTRY]
    assert len(names) == len(set(names)) and names
    catalogue = dutch()
    report_sections = {f.__name__ for f in docx_report.REPORT} | {"dot_votes", "trend_responses", "prouds_sorries"}
    for a in activities.REGISTRY:
        assert re.fullmatch(r"[a-z_]+", a.name), a.name
        assert a.label in catalogue, f"{a.name}: label {a.label!r} has no Dutch"
        assert a.phase is None or a.phase in activities.PHASES, a.name
        assert a.groupings and set(a.groupings) <= set(activities.GROUPINGS), a.name
        if a.takes_input:  # somewhere to keep what people give, and a live module that takes it
            assert a.domain and a.live, f"{a.name} takes input but names no domain or live module"
        else:
            assert a.name in activities.NO_INPUT
        if a.domain:
            importlib.import_module(f"facilitator.domain.{a.domain}")
        if a.live:
            importlib.import_module(f"facilitator.live.{a.live}")
        if a.module:
            assert (ROOT / "static" / "js" / "activities" / f"{a.module}.js").is_file(), a.module
        if a.report:
            assert a.report in report_sections and callable(getattr(docx_report, a.report)), a.report
        for sheet in a.sheets:
            assert sheet in csv_export.SHEETS, sheet
    # every CSV sheet belongs to an activity; every report section of the room's work is claimed
    assert set(csv_export.SHEETS) == {s for a in activities.REGISTRY for s in a.sheets}
    assert activities.NO_INPUT == ("plenary", "break")


def test_the_first_grouping_is_allowed_and_the_templates_fit_the_registry():
    for template in programme.TEMPLATES.values():
        for day in template["days"]:
            for s in day:
                assert programme.clean_session(s)["activity"] == s["activity"]  # raises when it does not fit


# --- the readers take it from the registry ----------------------------------------------------

def test_programme_validation_accepts_exactly_the_registry(memory_db):
    session = {"start": "09:00", "end": "10:00", "title": "x", "phase": "present", "prompt": ""}
    for a in activities.REGISTRY:
        for grouping in activities.GROUPINGS:
            data = {**session, "activity": a.name, "grouping": grouping}
            if grouping in a.groupings:
                assert programme.clean_session(data)["activity"] == a.name
            else:
                with pytest.raises(ValidationError) as err:
                    programme.clean_session(data)
                assert err.value.field == "grouping"
    for unknown in ("quiz", "Plenary", ""):
        with pytest.raises(ValidationError):
            programme.clean_session({**session, "activity": unknown, "grouping": "whole"})
    assert programme.ACTIVITIES == activities.NAMES
    assert programme.PHASES == tuple(activities.PHASES) and programme.GROUPINGS == tuple(activities.GROUPINGS)


def test_a_grouping_that_does_not_fit_is_named_in_the_conference_language(memory_db):
    from flask_babel import gettext

    from facilitator import i18n

    bad = {"start": "09:00", "end": "10:00", "title": "x", "phase": "desired_future", "activity": "scenario",
           "grouping": "whole"}
    with pytest.raises(ValidationError) as err:
        programme.clean_session(bad)
    assert err.value.as_dict()["message"] == "Desired future scenario takes place in: Mixed tables."
    with i18n.in_language("nl"):
        assert err.value.as_dict(gettext)["message"] == "Voor Toekomstbeeld kies je: Gemengde tafels."


def test_input_opens_exactly_for_the_activities_that_take_it(db, sample_id):
    from facilitator.db import transaction

    staff = Actor("facilitator", sample_id, user_id=1)
    for s in programme.sessions(db, sample_id):
        with transaction(db):
            out, _events = room.goto(db, staff, {"session_id": s["id"]})
        assert out["input_open"] is activities.BY_NAME[s["activity"]].takes_input, s["activity"]


def _module(path: Path) -> ast.Module:
    """The module's code, leaving out data that uses activities (the programme TEMPLATES)."""
    tree = ast.parse(path.read_text())
    tree.body = [n for n in tree.body
                 if not (isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "TEMPLATES" for t in n.targets))]
    return tree


def _lists_of_activities(tree: ast.Module) -> list[list[str]]:
    """Every list, tuple, set or dict (its keys) in the code that holds three or more activity names."""
    names = set(activities.NAMES)
    found = []
    for node in ast.walk(tree):
        items = node.keys if isinstance(node, ast.Dict) else node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else []
        named = [i.value for i in items if isinstance(i, ast.Constant) and i.value in names]
        if len(named) >= 3:
            found.append(named)
    return found


@pytest.mark.parametrize("path", [
    "facilitator/web/labels.py", "facilitator/domain/programme.py", "facilitator/domain/room.py",
    "facilitator/export/docx_report.py", "facilitator/export/docx_progress.py", "facilitator/export/words.py",
    "facilitator/export/csv_export.py", "facilitator/web/setup.py", "facilitator/domain/notes.py",
])
def test_readers_keep_no_list_of_their_own(path):
    """No reader spells out the activity types, or their labels, again: it reads the registry."""
    tree = _module(ROOT / path)
    assert not _lists_of_activities(tree), f"{path} lists activities itself: {_lists_of_activities(tree)}"
    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    # section headings that are the same English words as a label ("Commitments") are the report's own
    labels = {a.label for a in activities.REGISTRY if a.label in literals} - {"Commitments", "Statements", "Common ground"}
    assert not labels, f"{path} keeps activity labels of its own: {sorted(labels)}"


def test_the_list_detector_finds_a_list():
    tree = ast.parse('NO_INPUT = ("plenary", "break", "notes")\nLABELS = {"timeline": 1, "scenario": 2, "review": 3}')
    assert len(_lists_of_activities(tree)) == 2


def test_the_word_exports_keep_no_dictionary_of_their_own():
    assert not (ROOT / "facilitator" / "export" / "labels.py").exists()
    from facilitator.export import docx_progress

    assert not hasattr(docx_progress, "TEXT")
    for path in (ROOT / "facilitator" / "export").glob("*.py"):
        text = path.read_text()
        for dutch_word in ("Verslag van de conferentie", "Voortgang", "Toezeggingen", "januari"):
            assert dutch_word not in text, f"{path.name} still carries Dutch text: {dutch_word}"


def test_the_docs_list_no_activity_types_of_their_own():
    """The docs point at the registry instead of restating its list."""
    for path in (ROOT / "docs").glob("*.md"):
        text = path.read_text()
        listed = [a.name for a in activities.REGISTRY if f"`{a.name}`" in text]
        assert len(listed) < 8, f"{path.name} lists {len(listed)} activity types: point at the registry"
    assert "facilitator/domain/activities.py" in (ROOT / "docs" / "adding-an-activity.md").read_text()


def test_adding_an_activity_touches_at_most_eight_files():
    text = (ROOT / "docs" / "adding-an-activity.md").read_text()
    section = text.split("## The files", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"^\d+\. `([^`]+)`", section, re.M)
    assert 0 < len(files) <= 8, files
    for f in files:  # each names a real place (a path with <name> where the new activity's name goes)
        concrete = f.replace("<name>", "notes")
        parent = (ROOT / concrete).parent
        assert parent.is_dir(), f


# --- the browser's copy: every live page ------------------------------------------------------

def registry_of(page: str) -> list[dict]:
    found = REGISTRY_JSON.findall(page)
    assert len(found) == 1, "the page must carry exactly one activity registry"
    return json.loads(found[0])


@pytest.fixture
def pages(db, sample_id):
    p = participants.list_for(db, sample_id)[0]
    key = db.execute("select presenter_key from conferences where id = ?", [sample_id]).fetchone()[0]
    return {
        "participant home": f"/p/{p['token']}",
        "café home": f"/p/{p['token']}/cafe",
        "projector": f"/present/{key}",
        "plan projector": f"/present/{key}/plan",
        "cockpit": f"/organiser/c/{sample_id}/cockpit/",
        "plan overview": f"/organiser/c/{sample_id}/plan/",
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_live_page_carries_the_registry_in_its_language(organiser_client, pages, language):
    for name, url in pages.items():
        response = organiser_client.get(f"{url}?lang={language}")
        assert response.status_code == 200, (name, response.status_code)
        page = response.get_data(as_text=True)
        assert registry_of(page) == expected(language), name
        assert f'<script defer src="/i18n/' in page and f'/{language}.js"></script>' in page, name


def test_the_registry_labels_follow_the_page_not_a_fixed_language(organiser_client, pages):
    nl = {a["name"]: a["label"] for a in registry_of(organiser_client.get(pages["cockpit"] + "?lang=nl").get_data(as_text=True))}
    en = {a["name"]: a["label"] for a in registry_of(organiser_client.get(pages["cockpit"] + "?lang=en").get_data(as_text=True))}
    assert nl["dot_vote"] == "Stemmen met stippen" and en["dot_vote"] == "Dot vote"
    assert nl["common_ground"] == "Gemeenschappelijke grond"


def test_pages_without_scripts_carry_no_registry(organiser_client, sample_id):
    page = organiser_client.get(f"/organiser/c/{sample_id}/programme").get_data(as_text=True)
    assert "activity-registry" not in page


def test_an_imported_definition_with_a_grouping_that_does_not_fit_names_the_session(memory_db, sample_data):
    from facilitator.domain.errors import DomainError

    broken = json.loads(json.dumps(sample_data))
    session = next(s for d in broken["days"] for s in d["sessions"] if s["activity"] == "scenario")
    session["grouping"] = "whole"
    with pytest.raises(DomainError) as err:
        definition.import_definition(memory_db, broken)
    assert err.value.field.endswith(".grouping")


def test_the_setup_page_refuses_a_grouping_that_does_not_fit_and_says_which_do(organiser_client, db, sample_id):
    base = f"/organiser/c/{sample_id}"
    day = programme.days(db, sample_id)[0]
    before = len(programme.sessions(db, sample_id))
    session = {"start": "18:00", "end": "19:00", "title": "Dromen", "phase": "desired_future", "activity": "scenario",
               "grouping": "stakeholder", "prompt": "", "track": ""}
    response = organiser_client.post(f"{base}/days/{day['id']}/sessions?lang=nl", data=session, follow_redirects=True)
    assert "Voor Toekomstbeeld kies je: Gemengde tafels." in response.get_data(as_text=True)
    assert len(programme.sessions(db, sample_id)) == before  # nothing added
    organiser_client.post(f"{base}/days/{day['id']}/sessions", data={**session, "grouping": "mixed"})
    assert len(programme.sessions(db, sample_id)) == before + 1
    # the session form offers the registry's activities with their labels
    page = organiser_client.get(f"{base}/programme?lang=en").get_data(as_text=True)
    for a in activities.REGISTRY:
        assert f'<option value="{a.name}"' in page, a.name
