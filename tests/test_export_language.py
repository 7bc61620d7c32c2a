"""The Word exports speak the conference's language from the one catalogue: from a page in another
language, from the command line (no request), with Babel's dates, and the page keeps its own."""
from __future__ import annotations

import io

from click.testing import CliRunner
from docx import Document
from flask_babel import gettext

from facilitator import i18n
from facilitator.cli import cli
from facilitator.domain import conferences, programme
from facilitator.export import docx_report
from facilitator.export.words import date_text
from tests.conftest import SAMPLE


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]


def test_a_page_in_english_downloads_the_dutch_conference_in_dutch_and_stays_english(organiser_client, sample_id):
    base = f"/organiser/c/{sample_id}/export"
    r = organiser_client.get(base + "/download?format=docx&kind=plan&lang=en")
    doc = Document(io.BytesIO(r.data))
    assert doc.paragraphs[0].text == "Actieplan"
    assert "Doelen en acties" in headings(doc) and "Goals and actions" not in headings(doc)
    # the page itself is still in the person's language after the download
    page = organiser_client.get(base + "/").get_data(as_text=True)
    assert 'lang="en"' in page


def test_the_command_line_writes_the_conference_language_without_a_request(tmp_path, monkeypatch):
    db = tmp_path / "cli.db"
    monkeypatch.setenv("FACILITATOR_EXPORTS", str(tmp_path / "exports"))
    assert CliRunner().invoke(cli, ["import", str(SAMPLE), "--db", str(db)]).exit_code == 0
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(cli, ["export", "1", "--kind", "report", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "Verslag van de conferentie"
    tops = headings(doc)
    assert "Samenvatting" in tops and "Bijlage: programma" in tops
    # the programme appendix: each day in Dutch words, from Babel ("14 mei 2021"-style)
    from facilitator import db as database

    conn = database.open_database(str(db))
    first = programme.days(conn, 1)[0]["date"]
    with i18n.in_language("nl"):
        expected = date_text(first)
    assert any(p.text.startswith(expected) for p in doc.paragraphs if p.style.name == "Heading 2"), expected


def test_dates_and_words_follow_the_language_given():
    with i18n.in_language("nl"):
        assert date_text("2021-06-03") == "3 juni 2021"
        assert gettext("Common ground") == "Gemeenschappelijke grond"
        with i18n.in_language("en"):
            assert date_text("2021-06-03") == "3 June 2021" and gettext("Common ground") == "Common ground"
        assert gettext("Next steps") == "Volgende stappen"  # the outer language comes back
    with i18n.in_language("fr") as chosen:  # not a language of the app: English
        assert chosen == "en" and gettext("Next steps") == "Next steps"
    assert date_text("not a date") == "not a date" and date_text(None) == ""


def test_the_report_names_activities_and_lenses_as_the_app_does(db, sample_id):
    from facilitator.domain import timelines
    from facilitator.domain.events import Actor
    from facilitator.db import transaction

    with transaction(db):
        timelines.add_entry(db, Actor("participant", sample_id, participant_id=db.execute(
            "select id from participants where conference_id = ? limit 1", [sample_id]).fetchone()[0]),
            {"lens": 1, "decade": 2000, "text": "A new library"})
    doc = Document(io.BytesIO(docx_report.render(db, sample_id, "report")))
    texts = [p.text for p in doc.paragraphs]
    assert "Tijdlijn: Lokaal en onderwerp" in texts  # the lens as the phones call it
    conferences.update(db, sample_id, {"language": "en"})
    doc = Document(io.BytesIO(docx_report.render(db, sample_id, "report")))
    assert "Timeline: Local and topic" in [p.text for p in doc.paragraphs]
