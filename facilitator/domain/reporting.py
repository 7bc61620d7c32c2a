"""An activity's part of the Word report and its CSV sheets, as plain data.

An activity's report section is a function in its domain module, ``report(r) -> list of blocks``,
named in its registry entry (``report``); export/docx_report.py runs every entry's section and
writes the blocks with python-docx. A block is a plain dict made by the functions below (a heading,
a paragraph, a bullet list, a table, a bar chart), so domain code knows nothing of Word.

``r`` is a :class:`Context`: the database, the conference, whether names may show, and the words:
``r.gettext`` (the catalogue, in the conference's language while the report is built; write
``_ = r.gettext`` and ``_("...")``), ``r.date_text``, ``r.lens_label``, ``r.status_label``. It reads
the people as the report may name them (``r.person``, ``r.visible_name``): names follow the
organiser's choice and each participant's ``hide_name``; contributions of activities carry no author.

A CSV sheet is ``fn(db, conference_id) -> (columns, rows)``, named in the entry's ``sheets`` with
its file name; export/csv_export.py makes the cells safe and zips them. :func:`shown_name` is the
name a sheet may show.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from facilitator.db import rows
from facilitator.domain import participants
from facilitator.domain.errors import N_
from facilitator.domain.events import Actor

# codes a report turns into words (translate with ``r.gettext``)
HORIZONS = {"short": N_("short term"), "long": N_("long term")}
ANSWERS = {"agree": N_("Agree"), "disagree": N_("Disagree"), "pass": N_("Pass")}
STATUSES = {"planned": N_("planned"), "under_way": N_("under way"), "done": N_("done"), "stalled": N_("stalled"),
            "stopped": N_("stopped")}


# --- blocks -----------------------------------------------------------------------------------

def heading(text: str, level: int = 1) -> dict:
    return {"kind": "heading", "text": text, "level": level}


def para(text: str = "", *, italic: bool = False, bold: bool = False, lead: str | None = None) -> dict:
    """A paragraph; ``lead``: a bold "Lead: " before the text."""
    return {"kind": "para", "text": text, "italic": italic, "bold": bold, "lead": lead}


def label(text: str) -> dict:
    """A short bold line above a list or a text."""
    return para(text, bold=True)


def bullets(items, *, level: int = 0, italic: bool = False) -> dict:
    """A bulleted list; ``level`` 0 to 2 indents it."""
    return {"kind": "bullets", "items": list(items), "level": level, "italic": italic}


def table(headers: list[str], rows_: list[list], widths: list[float] | None = None,
          vertical_from: int | None = None) -> dict:
    """A table with a header row; ``widths`` in cm; header cells from ``vertical_from`` on run upwards."""
    return {"kind": "table", "headers": list(headers), "rows": [list(r) for r in rows_], "widths": widths,
            "vertical_from": vertical_from}


def chart(bars: list[tuple[str, list[tuple[str, int]]]], legend: list[tuple[str, str]], caption: str) -> dict:
    """A horizontal bar chart: per bar its label and its coloured segments ``(colour, count)``;
    ``legend``: ``(colour, name)``. Left out where no picture can be made (Pillow missing)."""
    return {"kind": "chart", "bars": bars, "legend": legend, "caption": caption}


# --- what a section reads with ------------------------------------------------------------------

def untranslated(message: str, **params) -> str:
    """gettext's stand-in outside a document build: the English message with its parameters."""
    return message % params if params else message


@dataclass
class Context:
    db: object
    conference: dict
    kind: str  # "plan" (the action plan) or "report" (the full report)
    names: bool  # the organisers let names show
    gettext: Callable = untranslated  # docx_report hands in Flask-Babel's, under the conference's language
    date_text: Callable[[str | None], str] = lambda iso: iso or ""
    lens_label: Callable[[str], str] = str
    cache: dict = field(default_factory=dict)

    @property
    def cid(self) -> int:
        return self.conference["id"]

    @property
    def staff(self) -> Actor:
        """Reading as the organiser does (the domain's staff view), for modules that read per actor."""
        return Actor(role="organiser", conference_id=self.cid)

    def once(self, key, fn):
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def people(self) -> dict:
        return self.once("people", lambda: {p["id"]: p for p in participants.list_for(self.db, self.cid)})

    def groups(self) -> list[dict]:
        return self.once("groups", lambda: rows(self.db, "select id, key, name, colour from stakeholder_groups "
                                                         "where conference_id = ? order by position, id", [self.cid]))

    def group_name(self, gid) -> str:
        return next((g["name"] for g in self.groups() if g["id"] == gid), self.gettext("No group"))

    def plan(self) -> dict:
        from facilitator.domain import plan

        return self.once("plan", lambda: plan.plan(self.db, self.cid))

    def visible_name(self, pid) -> str | None:
        """The person's name, or None when it must stay out (hide_name, or names left out)."""
        p = self.people().get(pid)
        return p["name"] if p and self.names and not p["hide_name"] and p["name"] else None

    def person(self, pid, with_org: bool = True) -> str:
        """A person in a list: "Name (Organisation)"; by organisation only when the name stays out."""
        p = self.people().get(pid)
        if not p:
            return "-"
        name = self.visible_name(pid)
        if name:
            return with_organisation(name, p["organisation"]) if with_org else name
        return p["organisation"].strip() or self.gettext("name not shown")

    def people_list(self, pids, with_org: bool = True) -> str:
        return ", ".join(dict.fromkeys(self.person(pid, with_org) for pid in pids))

    def status_label(self, code: str) -> str:
        return self.gettext(STATUSES[code]) if code in STATUSES else code

    def section(self, title: str, items, intro: str | None = None) -> list[dict]:
        """A level-1 heading (and intro), and "nothing recorded yet" when *items* is empty."""
        out = [heading(title, 1)] + ([para(intro)] if intro else [])
        return out if items else out + [para(self.gettext("Nothing recorded yet."), italic=True)]


def with_organisation(text: str, organisation: str, extra: str = "") -> str:
    """"Name (Organisation, extra)"; an organisation already in brackets keeps its own."""
    inner = ", ".join(x for x in ((organisation or "").strip().strip("()"), extra) if x)
    return f"{text} ({inner})" if inner else text


def shown_name(r: dict) -> str:
    """The name a CSV sheet may show of a row with ``name`` and ``hide_name``."""
    return "" if r.get("hide_name") else (r.get("name") or "")
