"""The activity registry (facilitator/domain/activities.py) is the one place that lists activity types:
every reader takes it from there, each entry points at code that exists, and every live page hands
it to the browser as JSON in the page's language."""
from __future__ import annotations

import ast
import importlib
import inspect
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
             "groupings": list(a.groupings), "module": a.module,
             "settings": [{"name": k, "label": words.get(m, m)} for k, m in a.settings.items()]}
            for a in activities.REGISTRY]


# --- each entry points at what exists ---------------------------------------------------------

def test_every_entry_is_complete_and_points_at_existing_code():
    from facilitator.export import csv_export

    names = [a.name for a in activities.REGISTRY]
    assert len(names) == len(set(names)) and names
    catalogue = dutch()
    declared_domains = {a.domain for a in activities.REGISTRY if a.events}
    for a in activities.REGISTRY:
        assert re.fullmatch(r"[a-z_]+", a.name), a.name
        assert a.label in catalogue, f"{a.name}: label {a.label!r} has no Dutch"
        assert a.phase is None or a.phase in activities.PHASES, a.name
        assert a.groupings and set(a.groupings) <= set(activities.GROUPINGS), a.name
        if a.takes_input:  # somewhere to keep what people give, and events that take it (its own or a sibling's)
            assert a.domain and a.domain in declared_domains, f"{a.name} takes input but declares no events"
        else:
            assert a.name in activities.NO_INPUT
        if a.domain:
            importlib.import_module(f"facilitator.domain.{a.domain}")
        for event in a.events:  # every function named exists and takes (db, actor, data)
            assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", event.name), event.name
            assert set(event.roles) <= {"participant", "organiser", "facilitator"}, event.name
            assert list(inspect.signature(a.function(event.fn)).parameters)[:3] == ["db", "actor", "data"], event.fn
        for part, ref in a.parts.items():
            assert list(inspect.signature(a.function(ref)).parameters)[:2] == ["db", "actor"], part
        if a.live:
            importlib.import_module(f"facilitator.live.{a.live}")
        if a.module:
            assert (ROOT / "static" / "js" / "activities" / f"{a.module}.js").is_file(), a.module
        if a.report:
            assert list(inspect.signature(a.function(a.report)).parameters) == ["r"], a.report
        for sheet, ref in a.sheets.items():
            assert sheet.endswith(".csv") and callable(a.function(ref)), sheet
    assert list(csv_export.SHEETS) == [s for a in activities.REGISTRY for s in a.sheets]
    assert activities.NO_INPUT == ("plenary", "break")


def test_session_settings_are_declared_only_where_they_change_something():
    """anonymous and show_others are read by the notes (author, scope) and anonymous by confirming
    common ground (names_shown); no other domain module reads session_settings, so no other
    activity declares them, and every declared one has its label in Dutch."""
    catalogue = dutch()
    declared = {a.name: tuple(a.settings) for a in activities.REGISTRY if a.settings}
    assert declared == {"notes": ("anonymous", "show_others"), "common_ground_confirm": ("anonymous",)}
    for a in activities.REGISTRY:
        assert set(a.settings) <= set(activities.SESSION_SETTINGS), a.name
        assert all(label in catalogue for label in a.settings.values()), a.name
        assert a.client()["settings"] == [{"name": k, "label": m} for k, m in a.settings.items()]
    readers = {p.stem for p in (ROOT / "facilitator" / "domain").glob("*.py")
               if "session_settings(" in p.read_text("utf-8") or "names_shown(" in p.read_text("utf-8")}
    assert readers == {"notes", "common_ground", "room"}  # room only hands the values to the screens


def test_every_event_name_is_declared_once():
    events = [e.name for a in activities.REGISTRY for e in a.events]
    assert len(events) == len(set(events)), sorted(e for e in events if events.count(e) > 1)
    parts = [p for a in activities.REGISTRY for p in a.parts]
    assert len(parts) == len(set(parts))


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


SOURCES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "facilitator").rglob("*.py")
                 if p.name != "activities.py" or p.parent.name != "domain")


@pytest.mark.parametrize("path", SOURCES)
def test_readers_keep_no_list_of_their_own(path):
    """No module spells out the activity types, or their labels, again: it reads the registry."""
    tree = _module(ROOT / path)
    assert not _lists_of_activities(tree), f"{path} lists activities itself: {_lists_of_activities(tree)}"
    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    # section headings that are the same English words as a label ("Commitments") are the report's own
    labels = {a.label for a in activities.REGISTRY if a.label in literals} - {"Commitments", "Statements", "Common ground"}
    assert not labels, f"{path} keeps activity labels of its own: {sorted(labels)}"


def test_the_browser_keeps_no_list_of_its_own():
    quoted = re.compile(r"""["'`]([a-z_]+)["'`]""")
    scripts = [p for p in sorted((ROOT / "static" / "js").rglob("*.js")) if "vendor" not in p.parts]
    assert len(scripts) > 20
    for path in scripts:
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            named = [w for w in quoted.findall(line) if w in activities.BY_NAME]
            assert len(set(named)) < 3, f"{path.name}:{n} lists activities itself: {named}"


def test_the_templates_keep_no_list_of_their_own():
    """No template compares a session's activity with three names or more (words like "notes" or
    "break" that are also English words are left out of the search)."""
    words = set(activities.BY_NAME) - {"notes", "break", "review", "statements", "commitments", "plenary"}
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 10
    for path in templates:
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            named = {w for w in re.findall(r"[a-z_]+", line) if w in words}
            assert len(named) < 3, f"{path.name}:{n} lists activities itself: {sorted(named)}"


def _first_arguments(path: Path, *functions: str) -> list[str]:
    """The first string argument of every call to one of *functions* in the module at *path*."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in functions:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.append(node.args[0].value)
    return out


def test_the_live_layer_registers_every_activity_from_the_registry():
    from facilitator.live import load_handlers, pipeline

    load_handlers()
    declared = {e.name: (a, e) for a in activities.REGISTRY for e in a.events}
    for name, (a, e) in declared.items():
        m = pipeline.MUTATIONS[name]
        assert getattr(m.fn, "__wrapped__", m.fn) is a.function(e.fn) and m.roles == e.roles, name
        assert hasattr(m.fn, "__wrapped__") is e.open_only, name  # while_input_open wraps it
    parts = {name: a.function(ref) for a in activities.REGISTRY for name, ref in a.parts.items()}
    for name, fn in parts.items():
        assert pipeline.SNAPSHOT_PARTS[name] is fn and name in pipeline.QUERIES, name
    # by hand, in a live module, only what is no activity's (the room, the programme's choice, the video links, shared texts)
    by_hand = {name for path in (ROOT / "facilitator" / "live").glob("*.py") if path.name != "activities.py"
               for name in _first_arguments(path, "mutation", "snapshot_part", "register_part")}
    assert not by_hand & (set(declared) | set(parts)), by_hand & (set(declared) | set(parts))
    assert set(pipeline.MUTATIONS) == set(declared) | {n for n in by_hand if n in pipeline.MUTATIONS}
    prefixes = {n.split(".")[0] for n in by_hand if n in pipeline.MUTATIONS}
    assert prefixes <= {"room", "tables", "doc", "programme"}, prefixes


def test_the_exports_take_every_activity_section_and_sheet_from_the_registry():
    from facilitator.export import csv_export, docx_report

    sections = dict.fromkeys(a.function(a.report) for a in activities.REGISTRY if a.report)
    written = docx_report.activity_sections(in_plan=True) + docx_report.activity_sections(in_plan=False)
    assert len(written) == len(sections)
    assert len(docx_report.REPORT) == len(written) + 7 and len(docx_report.PLAN) == len(
        docx_report.activity_sections(in_plan=True)) + 5  # the documents' own: title, contents, summary...
    assert csv_export.SHEETS == {f: a.function(ref) for a in activities.REGISTRY for f, ref in a.sheets.items()}
    # the export modules import no activity's module: everything of an activity comes through the registry
    owners = {a.domain for a in activities.REGISTRY if a.domain} | {
        ref.rpartition(".")[0] for a in activities.REGISTRY
        for ref in (a.report or "", *a.sheets.values(), *(e.fn for e in a.events)) if "." in ref}
    for name in ("docx_report.py", "csv_export.py", "__init__.py"):
        tree = ast.parse((ROOT / "facilitator" / "export" / name).read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.module == "facilitator.domain" for alias in node.names}
        imported |= {node.module.rpartition(".")[2] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     and (node.module or "").startswith("facilitator.domain.")}
        assert not imported & owners, f"{name} reads {imported & owners} itself"


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
        assert re.search(rf'<script defer src="/i18n/[0-9a-f]{{12}}/{language}(/[\w/]+)?\.js" '
                         rf'data-catalogue="/i18n/[0-9a-f]{{12}}/{language}/"></script>', page), name


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
