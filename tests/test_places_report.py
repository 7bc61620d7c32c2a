"""The "where the plan lands" section of the Word action plan: its tables against the hand computation
of tests/places_helpers.py, its pictures (drawn with Pillow), both languages, and one real rendering
by LibreOffice (headless, to PDF) read back with pypdf."""
from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from docx import Document
from PIL import Image

from facilitator.domain import conferences, monitor
from facilitator.export import docx_report, places_chart
from places_helpers import small_conference

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def section_of(doc, title: str):
    """The paragraphs and tables from the level-1 heading *title* to the next level-1 heading."""
    body = doc.element.body
    out, inside = [], False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = child.pPr.pStyle.val if child.pPr is not None and child.pPr.pStyle is not None else ""
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if style == "Heading1":
                inside = text == title
                continue
            if inside:
                out.append(("p", style, text, child))
        elif tag == "tbl" and inside:
            out.append(("tbl", "", "", child))
    return out


def table_rows(doc, element) -> list[list[str]]:
    table = next(t for t in doc.tables if t._tbl is element)
    return [[c.text for c in r.cells] for r in table.rows]


@pytest.fixture
def small(db):
    return small_conference(db)


def test_the_section_holds_the_hand_computed_figures(db, small):
    doc = Document(io.BytesIO(docx_report.render(db, small["cid"], "plan")))
    part = section_of(doc, "Where the plan lands")
    assert part, "no section"
    texts = [p[2] for p in part if p[0] == "p"]
    assert "Need and action" in texts and "Trend of MDI per neighbourhood" in texts and "Map" in texts
    assert any("fewer than the average (1.3 per neighbourhood)" in t for t in texts)
    tables = [table_rows(doc, p[3]) for p in part if p[0] == "tbl"]
    need = tables[0]
    assert need[0] == ["Rank", "Neighbourhood", "MDI", "Actions", "Last progress", "High need, thin action"]
    assert [r[:4] + r[5:] for r in need[1:]] == [["1", "Noord", "0.5", "0", "yes"], ["2", "Oost", "0.35", "2", "no"],
                                                 ["3", "Zuid", "0.2", "2", "no"]]
    assert need[2][4].endswith(": Forty people found work")
    # per neighbourhood: Noord, Zuid, Oost in the conference's order
    assert tables[1][1] == ["MDI", "0.5 (2023)", "+0.1 (since 2014)"]
    assert tables[2][1] == ["MDI", "0.2 (2023)", "−0.1 (since 2014)"]
    assert tables[3][1] == ["MDI", "0.35 (2023)", "+0.25 (since 2014)"]
    bullets = [p[2] for p in part if p[1] == "ListBullet"]
    assert "Job fair (Done), Last progress: Forty people found work" in bullets
    pictures = [p for p in part if p[0] == "p" and p[3].xpath(".//pic:pic")]
    assert len(pictures) == 3  # need and action, small multiples, map


def test_the_section_speaks_the_conference_language(db, small):
    conferences.update(db, small["cid"], {"language": "nl"})
    doc = Document(io.BytesIO(docx_report.render(db, small["cid"], "plan")))
    part = section_of(doc, "Waar het plan landt")
    texts = [p[2] for p in part]
    assert "Behoefte en actie" in texts and "Per wijk" in texts


def test_no_section_without_indicators_or_tagged_actions(db):
    cid = conferences.create(db, {"title": "Leeg", "neighbourhoods": ["Noord"]})
    doc = Document(io.BytesIO(docx_report.render(db, cid, "plan")))
    assert not [p for p in doc.paragraphs if p.text in ("Where the plan lands", "Waar het plan landt")]


def colours(png: bytes) -> set:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return {c for _n, c in img.getcolors(maxcolors=1_000_000)}


def test_the_pictures_carry_the_colours(db, small):
    m = monitor.monitor(db, small["cid"])
    features = m["map"]["boundaries"]["features"]
    drawn = colours(places_chart.map_png(features, m["map"]["colours"], m["map"]["counts"]))
    assert {(189, 0, 38), (253, 141, 60), (255, 255, 178)} <= drawn
    img = Image.open(io.BytesIO(places_chart.map_png(features, m["map"]["colours"], m["map"]["counts"])))
    # Noord lies north of Zuid: the top third of the picture holds Noord's colour, not Zuid's
    top = {c for _n, c in img.convert("RGB").crop((0, 0, img.width, img.height // 3)).getcolors(1_000_000)}
    assert (189, 0, 38) in top and (255, 255, 178) not in top
    need = colours(places_chart.need_action_png(m["need"]["ranking"], monitor.STATUS_COLOURS, monitor.COUNTED))
    assert {(138, 150, 163), (30, 122, 70), (179, 38, 30)} <= need  # planned, done, the flag
    multiples = places_chart.multiples_png(m["trend"]["series"], m["trend"]["years"], m["trend"]["min"], m["trend"]["max"])
    assert Image.open(io.BytesIO(multiples)).size[1] > 100


@pytest.mark.skipif(not SOFFICE and os.environ.get("CI") != "true",
                    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_renders_the_plan_with_the_section(db, small, tmp_path):
    import pypdf

    assert SOFFICE, "LibreOffice is required in CI (libreoffice-writer-nogui)"
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_report.render(db, small["cid"], "plan"))
    profile = tmp_path / "lo-profile"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "plan.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stdout + done.stderr
    reader = pypdf.PdfReader(str(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    start = text.rindex("Where the plan lands")  # the section itself, after the table of contents
    section = text[start:]
    for expected in ("Need and action", "Trend of MDI per neighbourhood", "Map", "Per neighbourhood", "Noord", "+0.25"):
        assert expected in section, expected
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 3
