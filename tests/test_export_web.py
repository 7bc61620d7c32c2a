"""The organiser's download page: Word, CSV and the backup, with a copy in the exports folder."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from docx import Document

from conftest import login
from facilitator.domain import conferences, users


def test_organiser_downloads_plan_report_csv_and_backup_and_copies_are_listed(app, organiser_client, sample_id):
    base = f"/organiser/c/{sample_id}/export"
    page = organiser_client.get(base + "/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'href="{base}/" aria-current="page"' in html
    assert 'id="no-copies"' in html and 'id="copies"' not in html

    r = organiser_client.get(base + "/download?format=docx&kind=plan")
    assert r.status_code == 200
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in r.headers["Content-Disposition"] and "-plan-" in r.headers["Content-Disposition"]
    doc = Document(io.BytesIO(r.data))
    assert doc.paragraphs[1].text == "Ruimte om te leven"

    r = organiser_client.get(base + "/download?format=docx&kind=report&names=0")
    doc = Document(io.BytesIO(r.data))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "naam niet getoond" in text

    r = organiser_client.get(base + "/download?format=csv")
    assert r.mimetype == "application/zip"
    assert "notes.csv" in zipfile.ZipFile(io.BytesIO(r.data)).namelist()

    r = organiser_client.get(base + "/download?format=json")
    assert json.loads(r.data)["format"] == "facilitator.backup/1"

    copies = sorted(p.name for p in Path(app.config["EXPORTS_DIR"]).iterdir())
    assert len(copies) == 4
    html = organiser_client.get(base + "/").get_data(as_text=True)
    assert 'id="copies"' in html
    for name in copies:
        assert name in html
    again = organiser_client.get(f"{base}/files/{copies[0]}")
    assert again.status_code == 200 and again.data == (Path(app.config["EXPORTS_DIR"]) / copies[0]).read_bytes()


def test_bad_requests_and_roles(app, client, db, organiser_client, sample_id):
    base = f"/organiser/c/{sample_id}/export"
    assert organiser_client.get(base + "/download?format=pdf").status_code == 404
    assert organiser_client.get(base + "/download?format=docx&kind=poster").status_code == 404
    assert organiser_client.get(base + "/files/..%2Fserver.db").status_code == 404
    assert organiser_client.get(base + "/files/nothing.docx").status_code == 404
    assert organiser_client.get("/organiser/c/999/export/").status_code == 404
    # not signed in: to the login page
    assert client.get(base + "/download?format=docx").status_code == 302
    # a facilitator gets Word and CSV, not the backup with everyone's personal links
    fac = users.create_or_update(db, "fac@example.org", "correct horse battery", "Fac")
    conferences.add_member(db, sample_id, fac["id"], "facilitator")
    fac_client = login(app.test_client(), "fac@example.org")
    assert fac_client.get(base + "/").status_code == 200
    assert "download-json" not in fac_client.get(base + "/").get_data(as_text=True)
    assert fac_client.get(base + "/download?format=docx&kind=report").status_code == 200
    assert fac_client.get(base + "/download?format=json").status_code == 403
    # someone without a role in this conference
    users.create_or_update(db, "other@example.org", "correct horse battery", "Other")
    other = login(app.test_client(), "other@example.org")
    assert other.get(base + "/").status_code == 403
    assert other.get(base + "/download?format=docx").status_code == 403
