"""The action plan and the full conference report as Word documents (python-docx).

A document is a list of section functions, ``section(doc)``; each reads its part of the conference
through the domain module that owns it and writes headings, paragraphs and tables. A section whose
module is not in this installation is left out. The action plan is the short list; the full report
adds what the room produced in each phase and the appendices.

Names: only action groups, commitments and the participant list name people; a participant who
asked for it (``hide_name``), or every participant when the organiser leaves names out, shows as
"name not shown" with the organisation. Contributions of activities (notes, timeline entries,
statements, prouds and sorries, common-ground candidates, scenario reactions) never carry an author.

Language: a document is written in the conference's language, whoever makes it and from where
(a page in another language, the CLI): :func:`build` runs every section inside
``i18n.in_language``, and sections take their words from the gettext catalogue with ``_("...")``,
names of phases, lenses and activities from the activity registry, dates from Babel (``date_text``).
"""
from __future__ import annotations

import importlib
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from flask_babel import gettext as _

from facilitator import i18n
from facilitator.db import rows
from facilitator.domain import activities, conferences, participants, programme
from facilitator.domain.events import Actor
from facilitator.export import wordtools as wt
from facilitator.export.words import ANSWERS, HORIZONS, KIND_TITLES, WORD_LANGUAGE, date_text, lens_label, phase_label

KINDS = ("plan", "report")


def domain(name: str):
    """The domain module *name*, or None when this installation has none (the section is left out)."""
    try:
        return importlib.import_module(f"facilitator.domain.{name}")
    except ImportError:
        return None


@dataclass
class Doc:
    """What a section needs: the database, the conference, the Word document, options.

    Sections run inside :func:`facilitator.i18n.in_language` (the conference's language), so their
    words come from the one gettext catalogue: ``_("...")``, dates through :func:`date_text`."""

    db: object
    conference: dict
    kind: str
    names: bool
    document: object
    language: str
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

    # --- reading shared by several sections
    def people(self) -> dict:
        return self.once("people", lambda: {p["id"]: p for p in participants.list_for(self.db, self.cid)})

    def groups(self) -> list[dict]:
        return self.once("groups", lambda: rows(self.db, "select id, key, name, colour from stakeholder_groups "
                                                         "where conference_id = ? order by position, id", [self.cid]))

    def group_name(self, gid) -> str:
        return next((g["name"] for g in self.groups() if g["id"] == gid), _("No group"))

    def plan(self) -> dict | None:
        module = domain("plan")
        return self.once("plan", lambda: module.plan(self.db, self.cid)) if module else None

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
        return p["organisation"].strip() or _("name not shown")

    def people_list(self, pids, with_org: bool = True) -> str:
        return ", ".join(dict.fromkeys(self.person(pid, with_org) for pid in pids))

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

    def bullets(self, items, style_name: str = "List Bullet") -> None:
        for text in items:
            self.styled(text, style_name)

    def table(self, headers, rows_, widths=None, vertical_from=None):
        return wt.table(self.document, headers, rows_, widths, vertical_from)

    def empty(self) -> None:
        self.para(_("Nothing recorded yet."), italic=True)

    def section(self, title: str, items, intro: str | None = None) -> bool:
        """A level-1 heading (and intro); "nothing recorded yet" when *items* is empty. True when not."""
        self.heading(title, 1)
        if intro:
            self.para(intro)
        if not items:
            self.empty()
        return bool(items)


def with_organisation(text: str, organisation: str, extra: str = "") -> str:
    """"Name (Organisation, extra)"; an organisation already in brackets keeps its own."""
    inner = ", ".join(x for x in ((organisation or "").strip().strip("()"), extra) if x)
    return f"{text} ({inner})" if inner else text


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


# --- the action plan ---------------------------------------------------------------

def confirmed_common_ground(d: Doc) -> list[dict] | None:
    cg = domain("common_ground")
    if cg and hasattr(cg, "confirmed_statements"):
        return d.once("cg", lambda: cg.confirmed_statements(d.db, d.cid))
    plan_module = domain("plan")
    if plan_module and hasattr(plan_module, "confirmed_statements"):
        return d.once("cg", lambda: plan_module.confirmed_statements(d.db, d.cid))
    return None


def common_ground(d: Doc) -> None:
    statements = confirmed_common_ground(d)
    if statements is None:
        return
    if d.section(_("Common ground"), statements, _("What the whole room confirmed together.")):
        d.bullets(s["text"] for s in statements)


def not_agreed(d: Doc) -> None:
    cg = domain("common_ground")
    if cg is None or not hasattr(cg, "themes"):
        return
    themes = [th for th in cg.themes(d.db, d.cid) if th["state"] == "not_agreed"]
    if d.section(_("Not agreed"), themes,
                 _("Themes on which the room did not reach agreement. They stay on the table as information.")):
        d.bullets(th["name"] for th in themes)


def _action_people(d: Doc, action: dict, role: str) -> str:
    names = [d.person(p["participant_id"], with_org=False) if p.get("participant_id") else p.get("organisation", "")
             for p in action.get("people", []) if p.get("role") == role]
    return ", ".join(dict.fromkeys(n for n in names if n)) or "-"


def _when(d: Doc, action: dict) -> str:
    if action.get("when_date"):
        return date_text(action["when_date"])
    return _(HORIZONS[action["horizon"]]) if action.get("horizon") in HORIZONS else "-"


def goals_and_actions(d: Doc) -> None:
    plan = d.plan()
    if plan is None:
        return
    d.section(_("Goals and actions"), plan["goals"])
    for n, g in enumerate(plan["goals"], start=1):
        d.heading(_("Goal") + f" {n}. {g['title']}", 2)
        if g.get("description"):
            d.para(g["description"])
        if g.get("source") and g["source"].get("text"):
            d.para(_("From the common ground: %(text)s", text=g["source"]["text"]), italic=True)
        if g["leads"]:
            p = d.para()
            p.add_run(_("Leads") + ": ").bold = True
            p.add_run(d.people_list(g["leads"]))
        others = [m["participant_id"] for m in g["members"] if not m["lead"]]
        if others:
            p = d.para()
            p.add_run(_("Action group") + ": ").bold = True
            p.add_run(d.people_list(others))
        if g.get("groups_missing"):
            p = d.para()
            p.add_run(_("Stakeholder groups not yet in this action group") + ": ").italic = True
            p.add_run(", ".join(d.group_name(gid) for gid in g["groups_missing"])).italic = True
        if not g["actions"]:
            d.para(_("No actions yet."), italic=True)
            continue
        d.table(
            [_("What"), _("Lead"), _("Action group"), _("When"), _("How / resources"), _("Neighbourhood")],
            [[a["what"], _action_people(d, a, "lead"), _action_people(d, a, "member"), _when(d, a), a.get("how") or "",
              ", ".join(a.get("neighbourhoods") or [])] for a in g["actions"]],
            widths=[3.7, 2.2, 2.9, 2.6, 2.9, 2.3],
        )


def commitments(d: Doc) -> None:
    plan = d.plan()
    if plan is None:
        return
    if not d.section(_("Commitments"), plan["commitments"]):
        return
    goal_titles = {g["id"]: g["title"] for g in plan["goals"]}
    actions_by_id = {a["id"]: a["what"] for g in plan["goals"] for a in g["actions"]}
    d.table(
        [_("Who"), _("Commitment"), _("By when"), _("For")],
        [[with_organisation(d.visible_name(c["participant_id"]) or _("name not shown"), c.get("organisation"),
                            _("on behalf of the organisation") if c.get("on_behalf") == "organisation" and c.get("organisation") else ""),
          c["text"], c.get("by_when") or "",
          actions_by_id.get(c.get("action_id")) or goal_titles.get(c.get("goal_id"), "")]
         for c in plan["commitments"]],
        widths=[4.4, 6.2, 2.4, 3.6],
    )


def next_steps(d: Doc) -> None:
    d.heading(_("Next steps"), 1)
    follow = [(day["date"], s) for day in programme.programme(d.db, d.cid) for s in day["sessions"]
              if s["phase"] == "follow_up" or getattr(activities.get(s["activity"]), "phase", None) == "follow_up"]
    if not follow:
        d.para(_("No follow-up meetings are planned yet."))
        return
    d.para(_("Follow-up meetings in the programme:"))
    d.bullets(f"{date_text(day)}, {s['start']}-{s['end']}: {s['title']}" for day, s in follow)


def progress(d: Doc) -> None:
    """After the conference: where each action stands (issue 8's docx_progress), once there is news."""
    try:
        from facilitator.export import docx_progress
    except ImportError:
        return
    if "action_updates" not in d.db.table_names():
        return
    news = d.db.execute("select (select count(*) from action_updates where conference_id = :cid) + "
                        "(select count(*) from action_proposals where conference_id = :cid and state = 'proposed')",
                        {"cid": d.cid}).fetchone()[0]
    if news:
        docx_progress.add_progress_section(d.document, d.db, d.cid)


def where_plan_lands(d: Doc) -> None:
    """The neighbourhoods by need with their actions, trends and map (its own module, docx_where)."""
    from facilitator.export import docx_where

    docx_where.section(d)


# --- the full report: what the room produced -----------------------------------------------

def timelines(d: Doc) -> None:
    tl = domain("timelines")
    if tl is None:
        return
    state = tl.state(d.db, d.staff)
    d.section(_("The past: timelines"), state["entries"])
    labels = {x["decade"]: tl.decade_label(x, _) if hasattr(tl, "decade_label") else x["label"]
              for x in state.get("decades", [])}
    for lens_index, lens in enumerate(state["lenses"]):
        entries = [e for e in state["entries"] if e["lens"] == lens_index]
        if not entries:
            continue
        d.heading(_("Timeline") + ": " + lens_label(lens), 2)
        by_decade = defaultdict(list)
        for e in entries:
            by_decade[e["decade"]].append(e)
        for decade in sorted(by_decade):
            d.label(labels.get(decade, f"{decade}-{decade + 9}"))
            d.bullets((f"{e['year']}: " if e.get("year") else "") + e["text"] for e in by_decade[decade])
    reviews = domain("timeline_reviews")
    if reviews is not None and "timeline_reviews" in d.db.table_names():
        found = rows(d.db, "select r.*, tb.number, tb.name from timeline_reviews r join tables tb on tb.id = r.table_id "
                           "where r.conference_id = ? order by tb.number", [d.cid])
        if found:
            d.heading(_("The tables' stories"), 2)
            for r in found:
                lens = state["lenses"][r["lens"]] if 0 <= r["lens"] < len(state["lenses"]) else ""
                d.heading(_("Table") + f" {r['number']} ({lens_label(lens)})", 3)
                if r["story"]:
                    d.label(_("Story"))
                    d.para(r["story"])
                if r["implications"]:
                    d.label(_("What it means for our task"))
                    d.para(r["implications"])


def _trend_outline(d: Doc, nodes: list[dict]) -> None:
    children = defaultdict(list)
    for n in nodes:
        children[n["parent_id"]].append(n)
    styles = ["List Bullet", "List Bullet 2", "List Bullet 3"]

    def walk(parent, depth):
        for n in children.get(parent, []):
            d.styled(n["text"], styles[min(depth, 2)], italic=n.get("kind") == "example")
            walk(n["id"], depth + 1)

    walk(None, 0)


def present(d: Doc) -> None:
    trends = domain("trends")
    if trends is None:
        return
    tree = trends.tree(d.db, d.cid)
    d.heading(_("The present"), 1)
    d.heading(_("The trend map"), 2)
    if tree.get("topic"):
        d.para(_("Topic: %(topic)s", topic=tree["topic"]), italic=True)
    if not tree["nodes"]:
        d.empty()
    _trend_outline(d, tree["nodes"])
    dot_votes(d, {n["id"]: n for n in tree["nodes"]})
    trend_responses(d)
    prouds_sorries(d)


def dot_votes(d: Doc, nodes: dict) -> None:
    dv = domain("dotvotes")
    if dv is None:
        return
    sessions = [s for s in programme.sessions(d.db, d.cid) if s["activity"] == "dot_vote"]
    results = [(s, dv.results(d.db, s["id"])) for s in sessions]
    results = [(s, r) for s, r in results if r["trends"]]
    if not results:
        return
    d.heading(_("Dot votes"), 2)
    groups = d.groups()
    for s, r in results:
        if len(results) > 1:
            d.heading(s["title"], 3)
        ranked = sorted(r["trends"].items(), key=lambda kv: -kv[1]["total"])
        headers = [_("Trend")] + [g["name"] for g in groups] + ([_("No group")] if any("0" in v["groups"] for _k, v in ranked) else []) + [_("Total")]
        keys = [str(g["id"]) for g in groups] + (["0"] if len(headers) > len(groups) + 2 else [])
        narrow = min(1.4, 10.0 / (len(headers) - 1))
        d.table(headers, [[nodes.get(int(tid), {}).get("text", "?")] + [v["groups"].get(k, 0) for k in keys] + [v["total"]]
                          for tid, v in ranked], widths=[16.6 - narrow * (len(headers) - 1)] + [narrow] * (len(headers) - 1),
                vertical_from=1)
        try:
            from facilitator.export import chart
        except ImportError:  # Pillow is not installed: the table says it all
            continue
        png = chart.dot_vote_png(
            [(nodes.get(int(tid), {}).get("text", "?"), [(g["colour"], v["groups"].get(str(g["id"]), 0)) for g in groups]
              + [("#888888", v["groups"].get("0", 0))]) for tid, v in ranked[:15]])
        d.document.add_picture(io.BytesIO(png), width=Cm(16))
        legend = d.para()
        for g in groups:  # the chart's legend: a square in each group's colour
            square = legend.add_run("\u25A0 ")
            square.font.color.rgb = RGBColor.from_string(g["colour"].lstrip("#").upper())
            legend.add_run(g["name"] + "   ").font.size = Pt(9)
        d.para(_("Dots per trend, coloured by stakeholder group."), style="Caption" if "Caption" in _style_names(d) else None, italic=True)


def trend_responses(d: Doc) -> None:
    tr = domain("trend_responses")
    if tr is None:
        return
    sheets = [(g, tr.sheet(d.db, g["id"])) for g in d.groups()]
    sheets = [(g, s) for g, s in sheets if s["rows"]]
    if not sheets:
        return
    d.heading(_("Trend responses"), 2)
    for g, s in sheets:
        d.heading(g["name"], 3)
        d.table([_("Trend"), _("What we do now"), _("What we want to do")], [[r["trend"], r["now"], r["want"]] for r in s["rows"]],
                widths=[4.5, 6, 6])


def prouds_sorries(d: Doc) -> None:
    pr = domain("prouds")
    if pr is None:
        return
    lists = [(g, pr.items(d.db, g["id"])["items"]) for g in d.groups()]
    lists = [(g, items) for g, items in lists if items]
    if not lists:
        return
    d.heading(_(activities.BY_NAME["prouds_sorries"].label), 2)
    for g, items in lists:
        d.heading(g["name"], 3)
        for kind, label in (("proud", _("Proud of")), ("sorry", _("Sorry about"))):
            texts = [i["text"] for i in items if i["kind"] == kind]
            if texts:
                d.label(label)
                d.bullets(texts)


def statement_results(d: Doc) -> None:
    st = domain("statements")
    if st is None or not hasattr(st, "results"):
        return
    # as the room saw them: results still waiting to be revealed stay out
    visible = getattr(st, "results_visible", lambda s: s.get("state") != "draft")
    statements = [s for s in st.list_for(d.db, d.cid) if visible(s)]
    if not statements:
        return
    d.heading(_("Statements"), 1)
    d.para(_("Answers per stakeholder group."))
    for n, s in enumerate(statements, start=1):
        r = st.results(d.db, s)
        d.heading(f"{n}. {s['text']}", 2)
        choices = list(r["counts"])
        head = [_("Stakeholder group")] + [_(ANSWERS[c]) if c in ANSWERS else c for c in choices] + [_("Score")]

        def line(name, tally):
            score = "" if tally["score"] is None else f"{tally['score']:+.2f}"
            return [name] + [tally["counts"].get(c, 0) for c in choices] + [score]

        d.table(head, [line(g["name"] or _("No group"), g) for g in r["groups"] if g["total"]] + [line(_("Everyone"), r)])


def scenarios(d: Doc) -> None:
    sc = domain("scenarios")
    if sc is None:
        return
    found = rows(d.db, "select * from scenarios where conference_id = ? order by table_id", [d.cid])
    boards = [sc.board(d.db, sc.get_table(d.db, d.cid, b["table_id"]), b) for b in found]
    boards = [b for b in boards if b["title"] or b["story"] or b["features"]]
    if not boards:
        return
    d.heading(_("The desired future"), 1)
    for b in sorted(boards, key=lambda b: b["table_number"]):
        d.heading(_("Table") + f" {b['table_number']}" + (f": {b['title']}" if b["title"] else ""), 2)
        if b["story"]:
            d.para(b["story"])
        if b["barriers"]:
            d.label(_("Barriers overcome"))
            d.para(b["barriers"])
        if b["features"]:
            d.label(_("Features"))
            d.bullets(f["text"] for f in b["features"])


def notes(d: Doc) -> None:
    if domain("notes") is None or "notes" not in d.db.table_names():
        return
    found = rows(d.db, "select n.session_id, n.text, n.cluster_id, c.name as cluster from notes n "
                       "left join note_clusters c on c.id = n.cluster_id "
                       "where n.conference_id = ? and n.deleted = 0 and n.hidden = 0 and n.merged_into is null "
                       "order by n.session_id, c.position, c.id, n.position, n.id", [d.cid])
    if not found:
        return
    by_session = defaultdict(list)
    for n in found:
        by_session[n["session_id"]].append(n)
    d.heading(_("Notes"), 1)
    sessions = {s["id"]: s for s in programme.sessions(d.db, d.cid)}
    for sid, items in by_session.items():
        s = sessions.get(sid)
        d.heading(s["title"] if s else _("Notes"), 2)
        by_cluster = defaultdict(list)
        for n in items:
            by_cluster[n["cluster"]].append(n["text"])
        for cluster, texts in by_cluster.items():
            if len(by_cluster) > 1 or cluster:
                d.label(cluster or _("Not clustered"))
            d.bullets(texts)


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


PLAN = [title_page, contents, summary, common_ground, goals_and_actions, commitments, not_agreed, next_steps, progress,
        where_plan_lands]
REPORT = PLAN + [timelines, present, statement_results, scenarios, notes, appendix_programme, appendix_participants]
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
        d = Doc(db, conference, kind, names, document, language)
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
