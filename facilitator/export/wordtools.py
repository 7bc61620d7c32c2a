"""Word structure python-docx has no call for: fields (table of contents, page numbers), header rows
that repeat on every page, the document language, and a few tidy defaults."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from lxml import etree
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

BRAND = RGBColor(0x1F, 0x4E, 0x79)
TEXT_WIDTH_CM = 16.6  # A4 less margins of 2.2 cm


def _el(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key.replace("_", ":", 1)), str(value))
    return el


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin, instruction, separate, cached result, end) at the paragraph's end."""
    def run_with(*children):
        r = OxmlElement("w:r")
        for child in children:
            r.append(child)
        paragraph._p.append(r)
        return r

    run_with(_el("w:fldChar", w_fldCharType="begin", w_dirty="true"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(_el("w:fldChar", w_fldCharType="separate"))
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = placeholder
    run_with(text)
    run_with(_el("w:fldChar", w_fldCharType="end"))


def add_toc(document, hint: str, levels: str = "1-2"):
    """A table-of-contents field over the heading styles; Word brings it up to date (with page numbers)
    when the file opens (w:updateFields). Returns the paragraph, for :func:`fill_toc`."""
    paragraph = document.add_paragraph()
    add_field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u', hint)
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(_el("w:updateFields", w_val="true"))
    return paragraph


def fill_toc(paragraph, entries: list[tuple[int, str]]) -> None:
    """Put the headings in the field's current result, so a reader that does not update fields
    (a viewer, LibreOffice's conversion) still shows the contents, without page numbers."""
    if not entries:
        return
    p = paragraph._p
    runs = p.findall(qn("w:r"))
    placeholder, end = runs[3], runs[4]
    p.remove(placeholder)
    p.remove(end)
    last = p
    for n, (level, text) in enumerate(entries):
        target = p if n == 0 else OxmlElement("w:p")
        ppr = target.get_or_add_pPr()
        ppr.append(_el("w:spacing", w_after="60"))
        ppr.append(_el("w:ind", w_left=str(400 * (level - 1))))
        r = OxmlElement("w:r")
        if level == 1:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            r.append(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        target.append(r)
        if n:
            last.addnext(target)
            last = target
    last.append(end)


def headings(document, levels: int = 2) -> list[tuple[int, str]]:
    """(level, text) of every paragraph in a Heading 1..*levels* style, in document order."""
    ids = {document.styles[f"Heading {n}"].style_id: n for n in range(1, levels + 1)}
    found = []
    for p in document.element.body.iterchildren(qn("w:p")):
        style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        if style is not None and style.get(qn("w:val")) in ids:
            found.append((ids[style.get(qn("w:val"))], "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return found


def page_number_footer(section, label: str) -> None:
    """"Page N" centred in the footer; the first page (the title page) has none."""
    section.different_first_page_header_footer = True
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(label + " ")
    add_field(p, "PAGE", "1")


_CONTROL = {c: None for c in range(32) if c not in (9, 10)}


def clean_text(text) -> str:
    """Text that XML can hold (control characters other than tab and newline dropped)."""
    return str(text).translate(_CONTROL)


_W_P, _W_PPR, _W_PSTYLE, _W_VAL, _W_SECTPR = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:sectPr")
_W_R, _W_RPR, _W_T, _W_BR, _W_TAB, _SPACE = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:br"), qn("w:tab"), qn("xml:space")
_W_B, _W_I = qn("w:b"), qn("w:i")


def add_text(p, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """A run of plain text in paragraph element *p*: line breaks and tabs as Word writes them."""
    r = etree.SubElement(p, _W_R)
    if bold or italic:
        rpr = etree.SubElement(r, _W_RPR)
        if bold:
            etree.SubElement(rpr, _W_B)
        if italic:
            etree.SubElement(rpr, _W_I)
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            etree.SubElement(r, _W_BR)
        for j, part in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, _W_TAB)
            if part:
                t = etree.SubElement(r, _W_T)
                t.set(_SPACE, "preserve")
                t.text = part


def append_paragraph(document, text: str, style_id: str | None = None, *, bold: bool = False, italic: bool = False):
    """A paragraph at the end of the body, built directly with lxml: python-docx's add_paragraph looks
    up the style and finds the section properties from the start of the body each time, which
    grows with the document. Returns the python-docx Paragraph."""
    body = document.element.body
    p = OxmlElement("w:p")
    if style_id:
        etree.SubElement(etree.SubElement(p, _W_PPR), _W_PSTYLE).set(_W_VAL, style_id)
    if text:
        add_text(p, text, bold=bold, italic=italic)
    try:
        last = body[-1]  # (len(body) would count every child)
    except IndexError:
        last = None
    if last is not None and last.tag == _W_SECTPR:
        last.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, document._body)


def repeat_header(row) -> None:
    """Mark a table row as a header row that repeats at the top of every page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader", w_val="true"))
    tr_pr.append(_el("w:cantSplit", w_val="true"))


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(_el("w:shd", w_val="clear", w_color="auto", w_fill=fill))


CHAR_CM = 0.2  # a character of the table text (Calibri 9.5 pt; bold header words a little wider)
CELL_PADDING_CM = 0.45  # the cell's left and right margins and a little air


def _longest_word(value) -> int:
    return max((len(w) for w in str(value or "").split()), default=0)


def fit_widths(headers: list[str], rows: list[list], widths: list[float] | None = None,
               vertical_from: int | None = None, total: float | None = None) -> list[float]:
    """Column widths set by content: no column narrower than its longest word (so "Meezenbroek"
    never breaks into "Meezenbr oek"), the rest of the width shared by how much text a column
    holds, or by the widths asked for. Only when even the longest words do not fit side by side
    are they all scaled down together."""
    total = total or (sum(widths) if widths else TEXT_WIDTH_CM)
    n = len(headers)
    columns = [[r[i] if i < len(r) else "" for r in rows] for i in range(n)]
    minimum = []
    for i, header in enumerate(headers):
        words = max([_longest_word(x) for x in columns[i]] + [0 if vertical_from is not None and i >= vertical_from
                                                              else _longest_word(header) * 1.08])
        minimum.append(max(words, 2) * CHAR_CM + CELL_PADDING_CM)
    if sum(minimum) >= total:
        return [m * total / sum(minimum) for m in minimum]
    if widths:
        wanted = list(widths)
    else:  # by the text a column holds: its longest cell, up to about a line's worth
        natural = [max([min(len(str(x or "")), 60) for x in columns[i]] + [1]) * CHAR_CM + CELL_PADDING_CM for i in range(n)]
        wanted = [w * total / sum(natural) for w in natural]
    w = [max(a, m) for a, m in zip(wanted, minimum)]
    over = sum(w) - total
    slack = [max(0.0, a - m) for a, m in zip(w, minimum)]
    if over > 0 and sum(slack) > 0:
        w = [a - over * s_ / sum(slack) for a, s_ in zip(w, slack)]
    elif over < 0:
        w = [a * total / sum(w) for a in w]
    return [round(a, 2) for a in w]


def table(document, headers: list[str], rows: list[list], widths: list[float] | None = None,
          vertical_from: int | None = None):
    """A table with a bold, shaded header row that repeats across pages. Header cells from column
    *vertical_from* on are written bottom to top (narrow number columns under long group names)."""
    t = document.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = t.rows[0]
    repeat_header(head)
    for i, (cell, text) in enumerate(zip(head.cells, headers)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        shade(cell, "DCE6F0")
        if vertical_from is not None and i >= vertical_from:
            cell._tc.get_or_add_tcPr().append(_el("w:textDirection", w_val="btLr"))
    if vertical_from is not None:
        longest = max((len(h) for h in headers[vertical_from:]), default=8)
        head._tr.get_or_add_trPr().append(_el("w:trHeight", w_val=str(min(3400, 160 * longest + 200)), w_hRule="atLeast"))
    rows = [list(r) for r in rows]
    widths = fit_widths(headers, rows, widths, vertical_from)
    # the grid (LibreOffice reads it) and every cell (Word reads those)
    t.autofit = False
    for column, w in zip(t.columns, widths):
        column.width = Cm(w)
    for cell, w in zip(head.cells, widths):
        cell.width = Cm(w)
    twips = [str(round(w * 567)) for w in widths]
    tbl = t._tbl
    for values in rows:  # built directly: python-docx's add_row and cell.text cost ~1 ms per cell
        tr = etree.SubElement(tbl, qn("w:tr"))
        etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:cantSplit")).set(qn("w:val"), "true")
        for value, w in zip(values, twips):
            tc = etree.SubElement(tr, qn("w:tc"))
            tc_w = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
            tc_w.set(qn("w:w"), w)
            tc_w.set(qn("w:type"), "dxa")
            p = etree.SubElement(tc, qn("w:p"))
            if value not in (None, ""):
                add_text(p, str(value))
    return t


def set_language(document, tag: str) -> None:
    """The language of the text (spelling, hyphenation) in the default run properties and the styles."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)
    document.core_properties.language = tag


def tidy_styles(document) -> None:
    """A calm look: Calibri body, headings in one dark blue, margins of 2.2 cm."""
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = BRAND
        style.font.name = "Calibri"
        style.paragraph_format.keep_with_next = True
    document.styles["Heading 1"].paragraph_format.page_break_before = False
    grid = document.styles["Table Grid"]
    grid.font.size = Pt(9.5)
    grid.paragraph_format.space_after = Pt(0)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)


def new_page(document) -> None:
    document.add_page_break()


__all__ = ["add_field", "add_toc", "fill_toc", "page_number_footer", "repeat_header", "table", "set_language", "tidy_styles",
           "new_page", "fit_widths", "WD_SECTION"]
