"""The "where the plan lands" section of the Word action plan and report: the neighbourhoods ranked by
need with their actions (a picture and the table), the trend of the need indicator per neighbourhood
(small multiples), the map when boundaries are stored, and per neighbourhood its indicators.

Texts go through gettext in the conference's language (the documents are written in the conference's
language whoever downloads them), read from the same catalogue as the web pages, without Flask.
"""
from __future__ import annotations

import io
from pathlib import Path

from babel.support import NullTranslations, Translations
from docx.shared import Cm

from facilitator.domain import monitor
from facilitator.domain.indicators import format_number

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def translator(language: str):
    """gettext for *language* (English is the source language)."""
    if language == "en":
        return NullTranslations().gettext
    return Translations.load(str(TRANSLATIONS), [language]).gettext


def _signed(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "−" if value < 0 else "") + format_number(abs(value))


def _with_unit(value, unit: str) -> str:
    return "–" if value is None else format_number(value) + (f" {unit}" if unit else "")


def section(d) -> None:
    """Write the section into the document of *d* (docx_report.Doc); nothing when there is nothing to show."""
    m = monitor.monitor(d.db, d.cid)
    tagged = any(p["actions"] for p in m["neighbourhoods"])
    if not m["indicators"] and not tagged:
        return
    _ = translator(d.conference["language"])
    statuses = {"planned": _("Planned"), "under_way": _("Under way"), "done": _("Done"), "stalled": _("Stalled"),
                "stopped": _("Stopped")}
    need = m["need"]
    d.heading(_("Where the plan lands"), 1)
    if need["indicator"]:
        d.para(_("Need is the latest value of %(indicator)s in each neighbourhood; rank 1 has the most need.")
               % {"indicator": need["indicator"]} + " "
               + (_("Lower values mean more need.") if need["lower_is_need"] else _("Higher values mean more need.")) + " "
               + _("Flagged: in the third with the most need, and no actions or fewer than the average (%(mean)s per "
                   "neighbourhood). Stopped actions do not count.") % {"mean": format_number(round(need["mean_actions"], 1))})

    d.heading(_("Need and action"), 2)
    if need["indicator"]:
        from facilitator.export import places_chart

        png = places_chart.need_action_png(need["ranking"], monitor.STATUS_COLOURS, monitor.COUNTED,
                                           titles=(need["indicator"], _("Actions")))
        d.document.add_picture(io.BytesIO(png), width=Cm(16))
    headers = [_("Rank"), _("Neighbourhood")] + ([need["indicator"]] if need["indicator"] else []) + \
        [_("Actions"), _("Last progress"), _("High need, thin action")]
    lines = []
    for r in need["ranking"]:
        last = f"{r['last']['created_at'][:10]}: {r['last']['text'] or statuses[r['last']['status']]}" if r["last"] else "–"
        lines.append([str(r["rank"] or "–"), r["name"]] + ([_with_unit(r["value"], need["unit"])] if need["indicator"] else [])
                     + [str(r["action_count"]), last, _("yes") if r["flagged"] else _("no")])
    widths = [1.3, 3.6] + ([2.2] if need["indicator"] else []) + [1.6, 5.8, 2.1]
    d.table(headers, lines, widths=widths)

    trend = m["trend"]
    if trend["series"]:
        from facilitator.export import places_chart

        d.heading(_("Trend of %(indicator)s per neighbourhood") % {"indicator": trend["indicator"]}, 2)
        d.para(_("Every panel has the same scale: %(min)s to %(max)s, %(first)d to %(last)d.")
               % {"min": format_number(trend["min"]), "max": format_number(trend["max"]), "first": trend["years"][0],
                  "last": trend["years"][-1]})
        png = places_chart.multiples_png(trend["series"], trend["years"], trend["min"], trend["max"])
        d.document.add_picture(io.BytesIO(png), width=Cm(16))

    if m["map"]["boundaries"] and m["map"]["boundaries"]["features"]:
        from facilitator.export import places_chart

        d.heading(_("Map"), 2)
        png = places_chart.map_png(m["map"]["boundaries"]["features"], m["map"]["colours"], m["map"]["counts"])
        d.document.add_picture(io.BytesIO(png), width=Cm(14))
        d.para(_("Colour: latest %(indicator)s (darker is higher). The number on each neighbourhood is its number of "
                 "actions.") % {"indicator": m["map"]["indicator"]}, italic=True)
        d.para("   ".join(f"{format_number(c['min'])}–{format_number(c['max'])}" for c in m["map"]["classes"]))

    d.heading(_("Per neighbourhood"), 2)
    for p in m["neighbourhoods"]:
        if not p["indicators"] and not p["actions"]:
            continue
        d.heading(p["name"], 3)
        if p["indicators"]:
            d.table([_("Indicator"), _("Latest"), _("Change since the first year")],
                    [[i["name"], f"{_with_unit(i['latest'], i['unit'])} ({i['latest_year']})",
                      (f"{_signed(i['change'])} ({_('since %(year)d') % {'year': i['first_year']}})"
                       if i["change"] is not None else "–")] for i in p["indicators"]],
                    widths=[6, 5, 5.5])
        for group in p["by_theme"]:
            d.label(_(group["theme"]) if group["theme"] else _("No theme"))
            d.bullets(f"{a['what']} ({statuses[a['status']]})"
                      + (f", {_('Last progress')}: {a['last']['text']}" if a["last"] and a["last"]["text"] else "")
                      for a in group["actions"])

