"""The action plan and the full conference report as Word documents (python-docx).

A document is a list of section functions, ``section(doc)``. The document's own (the title page, the
summary, next steps, where the plan lands, the appendices) are here; every activity's section comes
from the activity registry: its domain module returns plain blocks (domain/reporting.py) and
:meth:`Doc.write` writes them, in the order of the conference's phases. The action plan holds the
sections the registry marks ``in_plan``; the full report adds the others and the appendices.

Names: only action groups, commitments and the participant list name people; a participant who
asked for it (``hide_name``), or every participant when the organiser leaves names out, shows as
"name not shown" with the organisation. Contributions of activities (notes, timeline entries,
statements, prouds and sorries, common-ground candidates, scenario reactions) never carry an author.

Language: a document is written in the conference's language, whoever makes it and from where
(a page in another language, the CLI): :func:`build` runs every section inside
``i18n.in_language``, and sections take their words from the gettext catalogue with ``_("...")``,
names of phases, lenses and activities from the activity registry, dates from Babel (``date_text``);
activity sections get the same words through their context (``r.gettext``, ``r.date_text``).
"""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from flask_babel import gettext as _

from facilitator import i18n
from facilitator.domain import activities, conferences, programme, reporting
from facilitator.export import wordtools as wt
from facilitator.export.words import KIND_TITLES, WORD_LANGUAGE, date_text, lens_label, phase_label

KINDS = ("plan", "report")


@dataclass
class Doc(reporting.Context):
    """What the document's own sections need: the reading of :class:`reporting.Context` (the database,
    the conference, names, people) and the Word document to write into.

    Sections run inside :func:`facilitator.i18n.in_language` (the conference's language), so their
    words come from the one gettext catalogue: ``_("...")``, dates through :func:`date_text`."""

    document: object = None
    language: str = "en"

    # --- writing
    def heading(self, text: str, level: int = 1):
        return self.styled(text, f"Heading {level}")

    def para(self, text: str = "", style=None, italic: bool = False, bold: bool = False):
        return self.styled(text, style, italic=italic, bold=bold)

    def label(self, text: str):
        """A short bold line above a list or a text."""
        return self.para(text, bold=True)

    def styled(self, text: str, style_name: str | None, **formatting):
        """A paragraph in a named style, built directly (wordtools.append_paragraph): python-docx's own
        call scans every style and the whole body for each paragraph, which dominated the time of a
        report with thousands of notes."""
        style_id = self.once(("style", style_name), lambda: self.document.styles[style_name].style_id) if style_name else None
        return wt.append_paragraph(self.document, text, style_id, **formatting)

    def bullets(self, items, style_name: str = "List Bullet", italic: bool = False) -> None:
        for text in items:
            self.styled(text, style_name, italic=italic)

    def table(self, headers, rows_, widths=None, vertical_from=None):
        return wt.table(self.document, headers, rows_, widths, vertical_from)

    def write(self, blocks: list[dict]) -> None:
        """Write an activity's section (plain blocks, domain/reporting.py) into the document."""
        for b in blocks:
            kind = b["kind"]
            if kind == "heading":
                self.heading(b["text"], b["level"])
            elif kind == "para" and b["lead"]:
                p = self.para()
                p.add_run(b["lead"] + ": ").bold = True
                p.add_run(b["text"]).italic = b["italic"] or None
            elif kind == "para":
                self.para(b["text"], italic=b["italic"], bold=b["bold"])
            elif kind == "bullets":
                self.bullets(b["items"], BULLET_STYLES[min(b["level"], 2)], italic=b["italic"])
            elif kind == "table":
                self.table(b["headers"], b["rows"], b["widths"], b["vertical_from"])
            elif kind == "chart":
                self.chart(b)
            else:
                raise ValueError(f"unknown block {kind!r}")

    def chart(self, b: dict) -> None:
        try:
            from facilitator.export import chart
        except ImportError:  # Pillow is not installed: the table beside it says it all
            return
        self.document.add_picture(io.BytesIO(chart.dot_vote_png(b["bars"])), width=Cm(16))
        legend = self.para()
        for colour, name in b["legend"]:  # a square in each colour
            square = legend.add_run("\u25A0 ")
            square.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
            legend.add_run(name + "   ").font.size = Pt(9)
        self.para(b["caption"], style="Caption" if "Caption" in _style_names(self) else None, italic=True)


BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
with_organisation = reporting.with_organisation


def activity_sections(in_plan: bool) -> list:
    """The registry's report sections (each once), in the order of the conference's phases; within a
    phase in the registry's order. ``in_plan``: those of the action plan, else the rest."""
    phases = list(activities.PHASES)
    found = {}
    for a in sorted(activities.REGISTRY, key=lambda a: phases.index(a.phase) if a.phase else len(phases)):
        if a.report and a.in_plan == in_plan:
            fn = a.function(a.report)
            found.setdefault(fn, _written(fn))
    return list(found.values())


def _written(report):
    """A document section that writes the blocks of an activity's ``report(r)``."""

    def section(d: Doc) -> None:
        d.write(report(d))

    section.__name__ = f"{report.__module__.rpartition('.')[2]}.{report.__name__}"
    return section


# --- the foundation -----------------------------------------------------------------

def conference_dates(d: Doc) -> list[str]:
    return [day["date"] for day in programme.days(d.db, d.cid)]


def title_page(d: Doc) -> None:
    c = d.conference
    d.para(_(KIND_TITLES[d.kind]), style="Subtitle").paragraph_format.space_before = Cm(1.5)
    d.document.add_paragraph(c["title"], style="Title")
    if c["subtitle"]:
        d.document.add_paragraph(c["subtitle"], style="Subtitle")
    facts = []
    if c["central_question"]:
        facts.append((_("Central question"), c["central_question"]))
    dates = conference_dates(d)
    if dates:
        facts.append((_("Dates"), ", ".join(date_text(x) for x in dates)))
    if c["organisers"]:
        facts.append((_("Organised by"), ", ".join(c["organisers"])))
    facts.append((_("Desired future year"), str(c["future_year"])))
    if c["contact_email"]:
        facts.append((_("Contact"), c["contact_email"]))
    for label, value in facts:
        p = d.para()
        p.paragraph_format.space_before = Pt(10)
        run = p.add_run(label + "\n")
        run.bold = True
        run.font.size = Pt(10)
        p.add_run(value).font.size = Pt(13)
    d.para(_("Made on %(date)s", date=date_text(date.today().isoformat())), italic=True).paragraph_format.space_before = Pt(18)
    if not d.names:
        d.para(_("At the organisers' choice, names are left out of this document."), italic=True)


def contents(d: Doc) -> None:
    """The contents on the cover page, under the title and the facts (not a page of their own)."""
    heading = d.document.add_paragraph(_("Contents"), style="TOC Heading" if "TOC Heading" in _style_names(d) else "Heading 2")
    heading.paragraph_format.space_before = Pt(24)
    d.cache["toc"] = wt.add_toc(d.document, _("Press F9 (or right-click, Update field) to update the table of contents."))
    wt.new_page(d.document)


def _style_names(d: Doc) -> set:
    return d.once("style_names", lambda: {s.name for s in d.document.styles})


def summary(d: Doc) -> None:
    d.heading(_("Summary"), 1)
    people = list(d.people().values())
    orgs = {p["organisation"].strip().lower() for p in people if p["organisation"].strip()}
    # invited (on the organisers' list) and joined (opened their link, or came in with the code) apart
    invited = sum(1 for p in people if p.get("joined_via", "invited") == "invited")
    joined = sum(1 for p in people if p.get("joined_via") == "code" or p.get("last_seen_at"))
    d.para(_("%(invited)d people were invited and %(joined)d joined. They come from %(groups)d stakeholder groups and "
             "%(orgs)d organisations.", invited=invited, joined=joined, groups=len(d.groups()), orgs=len(orgs)))
    plan = d.plan()
    if plan is not None:
        n_actions = sum(len(g["actions"]) for g in plan["goals"])
        d.para(_("The conference produced %(goals)d goals with %(actions)d actions, and %(commitments)d commitments.", goals=len(plan["goals"]), actions=n_actions, commitments=len(plan["commitments"])))
    by_group = defaultdict(list)
    for p in people:
        by_group[p["stakeholder_group_id"]].append(p)
    lines = []
    for gid in [g["id"] for g in d.groups()] + ([None] if None in by_group else []):
        members = by_group.get(gid, [])
        org_counts = Counter(p["organisation"].strip() for p in members if p["organisation"].strip())
        lines.append([d.group_name(gid), len(members),
                      ", ".join(name for name, _n in sorted(org_counts.items(), key=lambda kv: (-kv[1], kv[0].lower())))])
    d.table([_("Stakeholder group"), _("People"), _("Organisations")], lines, widths=[4.4, 2.4, 9.7])



def next_steps(d: Doc) -> None:
    d.heading(_("Next steps"), 1)
    follow = [(day["date"], s) for day in programme.programme(d.db, d.cid) for s in day["sessions"]
              if s["phase"] == "follow_up" or getattr(activities.get(s["activity"]), "phase", None) == "follow_up"]
    if not follow:
        d.para(_("No follow-up meetings are planned yet."))
        return
    d.para(_("Follow-up meetings in the programme:"))
    d.bullets(f"{date_text(day)}, {s['start']}-{s['end']}: {s['title']}" for day, s in follow)


def where_plan_lands(d: Doc) -> None:
    """The neighbourhoods by need with their actions, trends and map (its own module, docx_where)."""
    from facilitator.export import docx_where

    docx_where.section(d)



# --- appendices ---------------------------------------------------------------------

def appendix_programme(d: Doc) -> None:
    d.heading(_("Appendix: programme"), 1)
    for day in programme.programme(d.db, d.cid):
        d.heading(date_text(day["date"]) + (f": {day['title']}" if day["title"] else ""), 2)
        d.table([_("Time"), _("Session"), _("Phase")],
                [[f"{s['start']}-{s['end']}", s["title"] + (f" ({s['track']})" if s["track"] else ""),
                  phase_label(s["phase"])] for s in day["sessions"]],
                widths=[2.5, 10, 4])


def appendix_participants(d: Doc) -> None:
    d.heading(_("Appendix: participants"), 1)
    if not d.names:
        d.para(_("At the organisers' choice, names are left out of this document."), italic=True)
    d.table([_("Name"), _("Organisation"), _("Stakeholder group")],
            [[d.visible_name(p["id"]) or _("name not shown"), p["organisation"], p["group_name"] or _("No group")]
             for p in d.people().values()],
            widths=[5.5, 7, 4])




PLAN = [title_page, contents, summary, *activity_sections(in_plan=True), next_steps, where_plan_lands]
REPORT = PLAN + [*activity_sections(in_plan=False), appendix_programme, appendix_participants]
SECTIONS = {"plan": PLAN, "report": REPORT}


def build(db, conference_id: int, kind: str = "plan", *, names: bool = True) -> Document:
    """The Word document of *kind* (plan or report) for the conference."""
    if kind not in KINDS:
        raise ValueError(kind)
    conference = conferences.get(db, conference_id)
    document = Document()
    with i18n.in_language(conference["language"]) as language:
        wt.tidy_styles(document)
        wt.set_language(document, WORD_LANGUAGE[language])
        props = document.core_properties
        props.title = f"{_(KIND_TITLES[kind])}: {conference['title']}"
        props.subject = conference["central_question"] or conference["subtitle"]
        props.author = ", ".join(conference["organisers"]) or "Facilitator"
        props.last_modified_by = "Facilitator"
        props.keywords = "Future Search"
        props.comments = ""
        wt.page_number_footer(document.sections[0], _("Page"))
        d = Doc(db, conference, kind, names, gettext=_, date_text=date_text, lens_label=lens_label, document=document,
                language=language)
        for section in SECTIONS[kind]:
            section(d)
    if "toc" in d.cache:
        wt.fill_toc(d.cache["toc"], wt.headings(document, levels=2))
    return document


def render(db, conference_id: int, kind: str = "plan", *, names: bool = True) -> bytes:
    out = io.BytesIO()
    build(db, conference_id, kind, names=names).save(out)
    return out.getvalue()


__all__ = ["build", "render", "KINDS", "WD_ALIGN_PARAGRAPH"]
