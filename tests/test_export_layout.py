"""The Word plan as people read it (issue 13): invited and joined apart, columns wide enough for
their longest word, the cover and the contents on one page."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from facilitator.db import now
from facilitator.domain import participants
from facilitator.export import docx_report
from facilitator.export import wordtools as wt


def test_the_plan_reports_invited_and_joined_apart(db, sample_id):
    invited = participants.count(db, sample_id)
    first = participants.list_for(db, sample_id)[:6]
    for p in first:
        participants.touch(db, p["id"])  # opened their personal link
    doc = Document(io.BytesIO(docx_report.render(db, sample_id, "plan")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{invited} mensen waren uitgenodigd en 6 deden mee." in text
    assert f"{invited} mensen deden mee" not in text


def test_no_column_is_narrower_than_its_longest_word():
    rows = [["Match buddies with newcomers in the neighbourhood", "Anna", "Meezenbroek"],
            ["Plant trees", "Stichting Buurtkracht", "Brandevoort"]]
    widths = wt.fit_widths(["What", "Lead", "Neighbourhood"], rows, [9.0, 5.3, 2.3])
    assert abs(sum(widths) - 16.6) < 0.05
    assert widths[2] >= len("Meezenbroek") * wt.CHAR_CM + wt.CELL_PADDING_CM - 0.01
    assert widths[1] >= len("Buurtkracht") * wt.CHAR_CM + wt.CELL_PADDING_CM - 0.01
    assert widths[0] > widths[2]  # the long text still gets the most room
    # without widths asked for: shared by how much text a column holds
    free = wt.fit_widths(["A", "B"], [["x" * 50, "short"]])
    assert free[0] > free[1] and abs(sum(free) - 16.6) < 0.05


def test_the_action_table_in_word_keeps_neighbourhood_names_whole(db, sample_id):
    document = Document()
    t = wt.table(document, ["What", "Lead", "Action group", "When", "How / resources", "Neighbourhood"],
                 [["Buddies", "Anna", "Piet, Joke", "June", "Volunteers", "Meezenbroek"]], widths=[3.7, 2.2, 2.9, 2.6, 2.9, 2.3])
    cell_widths = [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in t._tbl.tr_lst[1].tc_lst]
    assert cell_widths[-1] / 567 >= len("Meezenbroek") * wt.CHAR_CM + wt.CELL_PADDING_CM - 0.01


def test_the_cover_and_the_contents_share_the_first_page(db, sample_id):
    doc = Document(io.BytesIO(docx_report.render(db, sample_id, "plan")))
    breaks_before_summary = 0
    for p in doc.paragraphs:
        if p.style.name == "Heading 1":
            assert p.text == "Samenvatting"
            break
        breaks_before_summary += sum(1 for br in p._p.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
    assert breaks_before_summary == 1  # one page for the cover and the contents, then the plan
