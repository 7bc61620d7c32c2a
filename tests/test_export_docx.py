"""The Word action plan and report, read back with python-docx and checked against the database."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from export_data import fill_conference, make_plan
from facilitator.db import now, row, rows
from facilitator.domain import conferences, participants, tables
from facilitator.export import docx_report

SECRET = "Zwaantje Onzichtbaar"  # writes everywhere, leads nothing: must never be named next to a contribution
HIDDEN = "Verborgen Vandaag"  # asked for the name to be left out


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for r in t.rows:
            parts.extend(c.text for c in r.cells)
    return "\n".join(parts)


def headings(doc) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading ")]


def read(db, cid, kind, **kw):
    return Document(io.BytesIO(docx_report.render(db, cid, kind, **kw)))


@pytest.fixture
def conference(db, sample_id):
    """The sample conference with data in every table, a real plan, and two people to protect."""
    tables.create_tabling(db, sample_id, "Mixed tables")
    secret = participants.add(db, sample_id, {"name": SECRET, "organisation": "Stichting Stil"})["id"]
    hidden = participants.add(db, sample_id, {"name": HIDDEN, "organisation": "Wijkteam Oost", "hide_name": True})["id"]
    fill_conference(db, sample_id)
    plan = make_plan(db, sample_id, exclude=(secret,))
    # SECRET's contributions in every activity that has an author column
    session = row(db, "select id from sessions where conference_id = ? order by id limit 1", [sample_id])["id"]
    stamp = now()
    db["notes"].insert({"conference_id": sample_id, "session_id": session, "participant_id": secret,
                        "text": "note by the secret writer", "created_at": stamp, "updated_at": stamp})
    db["timeline_entries"].insert({"conference_id": sample_id, "lens": 0, "decade": 2000, "year": 2004,
                                   "text": "entry by the secret writer", "participant_id": secret,
                                   "created_at": stamp, "updated_at": stamp})
    for s in rows(db, "select id from statements where conference_id = ?", [sample_id]):
        db.execute("update statements set state = 'open' where id = ?", [s["id"]])
        db.execute("insert or replace into statement_answers (statement_id, participant_id, answer, reason, updated_at) "
                   "values (?, ?, 'agree', 'reason of the secret writer', ?)", [s["id"], secret, stamp])
    group = row(db, "select id from stakeholder_groups where conference_id = ? order by id limit 1", [sample_id])["id"]
    db["prouds"].insert({"conference_id": sample_id, "group_id": group, "kind": "proud", "text": "proud of the secret writer",
                         "participant_id": secret, "created_at": stamp, "updated_at": stamp})
    # a dot vote in the programme's dot-vote session: 2 dots from every participant of the first group
    vote = row(db, "select id from sessions where conference_id = ? and activity = 'dot_vote'", [sample_id])["id"]
    db.execute("insert or ignore into dot_votes (session_id, conference_id) values (?, ?)", [vote, sample_id])
    trend = db["trends"].insert({"conference_id": sample_id, "kind": "trend", "text": "Loneliness grows",
                                 "position": 99, "created_at": stamp}).last_pk
    voters = rows(db, "select id from participants where stakeholder_group_id = ?", [group])
    for p in voters:
        db.execute("insert into dots (session_id, participant_id, trend_id, count) values (?, ?, ?, 2)", [vote, p["id"], trend])
    # HIDDEN leads an action group and commits
    goal = plan["goals"][0]["id"]
    from facilitator.domain import commitments, goals
    from facilitator.domain.events import Actor
    goals.join(db, Actor(role="organiser", conference_id=sample_id), {"goal_id": goal, "participant_id": hidden})
    goals.set_lead(db, Actor(role="organiser", conference_id=sample_id), {"goal_id": goal, "participant_id": hidden})
    commitments.make(db, Actor(role="participant", conference_id=sample_id, participant_id=hidden),
                     {"goal_id": goal, "text": "commitment of the hidden one"})
    return {"id": sample_id, "secret": secret, "hidden": hidden, "plan": plan}


def test_plan_holds_every_goal_and_action_in_tables_with_repeating_headers(db, conference):
    cid = conference["id"]
    doc = read(db, cid, "plan")
    text = all_text(doc)
    goals = rows(db, "select id, title from goals where conference_id = ?", [cid])
    actions = rows(db, "select id, goal_id, what from actions where conference_id = ?", [cid])
    assert len(goals) >= 3 and len(actions) >= 12
    heads = headings(doc)
    for g in goals:
        assert any(level == 2 and g["title"] in h for level, h in heads), g["title"]
    cells = {c.text for t in doc.tables for r in t.rows[1:] for c in r.cells}
    for a in actions:
        assert a["what"] in cells, a["what"]
    # each goal's actions sit in one table whose first row is a repeating header row
    action_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Wat"]
    goals_with_actions = {a["goal_id"] for a in actions}
    assert len(action_tables) == len(goals_with_actions)
    for t in doc.tables:
        header = t.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        for r in t.rows[1:]:
            assert r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None
    # commitments, with the action group's leads, in the plan
    for c in rows(db, "select text from commitments where conference_id = ? and withdrawn_at is null", [cid]):
        assert c["text"] in text


def test_structure_headings_toc_page_numbers_and_properties(db, conference):
    cid = conference["id"]
    conf = conferences.get(db, cid)
    doc = read(db, cid, "report")
    heads = headings(doc)
    top = [h for level, h in heads if level == 1]
    progress = ["Voortgang"] if rows(db, "select 1 from action_updates where conference_id = ?", [cid]) else []
    check_in = ["Check-in"] if rows(db, "select 1 from check_in_lines where conference_id = ? and hidden = 0", [cid]) else []
    # the activities' sections in the order of the phases (the registry's): common ground with what was
    # not agreed, the actions, their progress; then the plan's own next steps; then the days in order,
    # a day's check-in before its timelines
    assert top[:7 + len(progress) + len(check_in)] == [
        "Samenvatting", "Gemeenschappelijke grond", "Waar we het (nog) niet over eens zijn", "Doelen en acties",
        "Toezeggingen", *progress, "Volgende stappen", *check_in, "Het verleden: tijdlijnen"]
    assert top[-2:] == ["Bijlage: programma", "Bijlage: deelnemers"]
    assert {level for level, _h in heads} <= {1, 2, 3}
    # no level skipped: a level-3 heading always follows a level-2 or -3 one
    for (prev, _a), (level, _b) in zip(heads, heads[1:]):
        assert level <= prev + 1
    body = doc.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    # the table of contents' current result lists the level-1 headings
    toc_text = body[body.index("TOC \\o"):body.index('w:fldCharType="end"', body.index("TOC \\o"))]
    for level, text in heads:
        if level <= 2:
            assert f">{text}<" in toc_text.replace("&amp;", "&"), text
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "Pagina" in footer
    assert doc.sections[0].different_first_page_header_footer
    props = doc.core_properties
    assert props.title == f"Verslag van de conferentie: {conf['title']}"
    assert props.author == ", ".join(conf["organisers"])
    assert props.language == "nl-NL"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"
    # the programme appendix and the dot-vote chart image
    for s in rows(db, "select title from sessions where conference_id = ?", [cid]):
        assert s["title"] in all_text(doc)
    # dot votes: the trend's row has its group's dots and the total; the chart is an image
    vote_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Trend")
    group_name = rows(db, "select name from stakeholder_groups where conference_id = ? order by position, id", [cid])[0]["name"]
    assert vote_table.rows[0].cells[1].text == group_name
    loneliness = next(r for r in vote_table.rows if r.cells[0].text == "Loneliness grows")
    n_voters = row(db, "select count(*) n from participants p join stakeholder_groups g on g.id = p.stakeholder_group_id "
                       "where g.conference_id = ? and g.name = ?", [cid, group_name])["n"]
    assert loneliness.cells[1].text == str(2 * n_voters) and loneliness.cells[-1].text == str(2 * n_voters)
    assert len(doc.inline_shapes) == 1
    assert 'w:val="btLr"' in vote_table.rows[0]._tr.xml


def test_english_conference_gets_english_texts(db, conference):
    cid = conference["id"]
    conferences.update(db, cid, {"language": "en"})
    doc = read(db, cid, "plan")
    top = [h for level, h in headings(doc) if level == 1]
    assert "Goals and actions" in top and "Doelen en acties" not in top
    assert doc.core_properties.language == "en-GB"
    assert doc.paragraphs[0].text == "Action plan"
    assert "Page" in doc.sections[0].footer._element.xml


def test_contributions_stay_anonymous_and_hidden_names_stay_out(db, conference):
    cid = conference["id"]
    doc = read(db, cid, "report")
    text = all_text(doc)
    # SECRET's contributions are in the report, SECRET's name only in the participant list
    for piece in ("note by the secret writer", "entry by the secret writer", "proud of the secret writer"):
        assert piece in text
    assert "reason of the secret writer" not in text  # reasons are not reported at all
    appendix = doc.tables[-1]
    named_rows = [r for r in appendix.rows if r.cells[0].text == SECRET]
    assert len(named_rows) == 1
    assert text.count(SECRET) == 1
    # HIDDEN leads a goal and committed: shown by organisation, never by name
    assert HIDDEN not in text
    assert "naam niet getoond (Wijkteam Oost)" in text  # the commitment
    assert any(p.text.startswith("Trekkers:") and "Wijkteam Oost" in p.text for p in doc.paragraphs)  # the lead
    assert "commitment of the hidden one" in text


def test_organiser_can_leave_all_names_out(db, conference):
    cid = conference["id"]
    doc = read(db, cid, "report", names=False)
    text = all_text(doc)
    for p in rows(db, "select name from participants where conference_id = ?", [cid]):
        assert p["name"] not in text, p["name"]
    assert "Op verzoek van de organisatie staan er geen namen in dit document." in text


def test_empty_conference_still_makes_both_documents(db):
    cid = conferences.create(db, {"title": "Lege conferentie", "language": "nl"})
    for kind in ("plan", "report"):
        doc = read(db, cid, kind)
        assert doc.paragraphs[1].text == "Lege conferentie"
        assert "Nog niets vastgelegd." in all_text(doc)


def test_csv_zip_has_one_sheet_per_kind_without_anonymous_authors(db, conference):
    from facilitator.export import csv_export

    cid = conference["id"]
    z = zipfile.ZipFile(io.BytesIO(csv_export.zip_bytes(db, cid)))
    assert sorted(z.namelist()) == sorted(csv_export.SHEETS)
    sheets = {name: z.read(name).decode("utf-8-sig") for name in z.namelist()}
    assert sheets["notes.csv"].startswith("note_id,session,")
    assert "note by the secret writer" in sheets["notes.csv"]
    n_actions = row(db, "select count(*) n from actions where conference_id = ?", [cid])["n"]
    assert len(sheets["actions.csv"].strip().splitlines()) == n_actions + 1
    for text in sheets.values():
        assert SECRET not in text  # anonymous by default (notes) and statements are anonymous by default
        assert HIDDEN not in text


def test_csv_names_note_authors_only_in_named_sessions(db, conference):
    from facilitator.export import csv_export

    cid = conference["id"]
    named, anonymous = [r["id"] for r in rows(db, "select id from sessions where conference_id = ? order by id limit 2", [cid])]
    db.execute("insert or replace into session_settings (session_id, anonymous, show_others) values (?, 0, 1)", [named])
    db.execute("insert or replace into session_settings (session_id, anonymous, show_others) values (?, 1, 1)", [anonymous])
    author = row(db, "select id, name from participants where conference_id = ? and hide_name = 0 order by id limit 1", [cid])
    stamp = now()
    for sid, who, text in ((named, author["id"], "named note"), (anonymous, author["id"], "anonymous note"),
                           (named, conference["hidden"], "note of the hidden one")):
        db["notes"].insert({"conference_id": cid, "session_id": sid, "participant_id": who, "text": text,
                            "created_at": stamp, "updated_at": stamp})
    columns, data = csv_export.SHEETS["notes.csv"](db, cid)
    by_text = {r[columns.index("text")]: r[columns.index("author")] for r in data}
    assert by_text["named note"] == author["name"]
    assert by_text["anonymous note"] == ""
    assert by_text["note of the hidden one"] == ""


def test_statements_show_results_per_group_only_once_revealed(db, conference):
    cid = conference["id"]
    first, second = rows(db, "select id, text from statements where conference_id = ? order by position, id limit 2", [cid])
    db.execute("update statements set results = 'reveal', revealed = 0 where id = ?", [second["id"]])
    doc = read(db, cid, "report")
    heads = [h for level, h in headings(doc) if level == 2]
    assert any(h.endswith(first["text"]) for h in heads)
    assert not any(h.endswith(second["text"]) for h in heads)
    # the table after the statement's heading: one row per group that answered, then everyone
    n_answers = row(db, "select count(*) n from statement_answers where statement_id = ?", [first["id"]])["n"]
    table = next(t for t in doc.tables if t.rows[-1].cells[0].text == "Iedereen")
    counts = [int(c.text) for c in table.rows[-1].cells[1:-1]]
    assert sum(counts) == n_answers
