"""Timelines: three per conference (its lenses), divided into decades from the start year to the
conference's own year (the year of its last day; today's only while it has no days).

Participants post short entries in a decade (or a year, which places them in its decade); they may
change or remove their own, facilitators may remove any. Entries are shown without names.
"""
from __future__ import annotations

from datetime import date

from facilitator.db import now, row, rows
from facilitator.domain import conferences, events, focus
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, Forbidden, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_ENTRY = 160
FOCUS = "timeline"


# A whole decade in words, a message of the catalogue: "the 70s" in English, "jaren 70" in Dutch
# ("jaren 2000", "jaren 2010" from 2000 on, and before 1900, as Dutch readers write them). Its
# parameter ``short``: the decade's last two digits in the 1900s, its full year otherwise.
WHOLE_DECADE = N_("the %(short)ss")


def decades(start_year: int, this_year: int | None = None) -> list[dict]:
    """The decades of a timeline: the first starts at ``start_year``, the last holds ``this_year``
    (the conference's year, :func:`conference_year`).

    Each is ``{"decade": 1990, "from": 1994, "to": 1999, "label": "1994-1999", "message": None,
    "params": None}``; the first and last are cut to the start year and the conference's year. A whole
    decade's label is a message with its parameters (``"message": "the %(short)ss", "params":
    {"short": "70"}``; ``label`` keeps "1970s" for readers without the catalogue): screens show
    ``t(message, params)``, documents :func:`decade_label`.
    """
    this_year = this_year or date.today().year
    if start_year > this_year:
        start_year = this_year
    out = []
    for d in range(start_year // 10 * 10, this_year // 10 * 10 + 1, 10):
        first, last = max(d, start_year), min(d + 9, this_year)
        whole = (first, last) == (d, d + 9)
        label = f"{d}s" if whole else (f"{first}" if first == last else f"{first}-{last}")
        params = {"short": f"{d % 100:02d}" if 1900 <= d < 2000 else str(d)} if whole else None
        out.append({"decade": d, "from": first, "to": last, "label": label,
                    "message": WHOLE_DECADE if whole else None, "params": params})
    return out


def decade_label(d: dict, gettext=None) -> str:
    """A decade in words in the current language (``gettext`` given), else in English."""
    if d.get("message") and gettext is not None:
        return gettext(d["message"]) % d["params"]
    return d["label"]


def conference_year(db, conference_id: int) -> int:
    """The year a timeline runs up to: the conference's own (its last day), not today's clock."""
    last = row(db, "select max(date) d from days where conference_id = ?", [conference_id])
    try:
        return date.fromisoformat(last["d"][:10]).year
    except (TypeError, ValueError):
        return date.today().year


def lenses(conf: dict) -> list[str]:
    return list(conf.get("timeline_lenses") or conferences.DEFAULT_LENSES)


def _place(conf: dict, data: dict, this_year: int) -> tuple[int, int | None]:
    """The (decade, year) an entry goes in: a year places it in its decade."""
    start = conf["timeline_start_year"]
    year = data.get("year")
    if year not in (None, ""):
        year = v.integer(year, "year", minimum=min(start, this_year), maximum=this_year)
        return max(year // 10 * 10, start // 10 * 10), year
    valid = [d["decade"] for d in decades(start, this_year)]
    decade = v.integer(data.get("decade"), "decade")
    if decade not in valid:
        raise ValidationError("decade", N_("Choose a decade on this timeline."))
    return decade, None


def _lens(conf: dict, value) -> int:
    return v.integer(value, "lens", minimum=0, maximum=len(lenses(conf)) - 1)


def public(entry: dict) -> dict:
    """An entry as everyone may see it: no author."""
    return {k: entry[k] for k in ("id", "lens", "decade", "year", "text", "created_at")}


def add_entry(db, actor: Actor, data: dict):
    actor.require_participant()
    conf = conferences.get(db, actor.conference_id)
    lens = _lens(conf, data.get("lens"))
    decade, year = _place(conf, data, conference_year(db, actor.conference_id))
    text = v.text(data.get("text"), "text", max_len=MAX_ENTRY)
    stamp = now()
    entry_id = db["timeline_entries"].insert({
        "conference_id": actor.conference_id, "lens": lens, "decade": decade, "year": year, "text": text,
        "participant_id": actor.participant_id, "created_at": stamp, "updated_at": stamp,
    }).last_pk
    entry = public(_get(db, actor, entry_id))
    event = events.append(db, actor.conference_id, "timeline.entry", entry, actor=actor)
    return {**entry, "mine": True}, [event]


def _get(db, actor: Actor, entry_id) -> dict:
    entry_id = v.integer(entry_id, "id", minimum=1)
    entry = row(db, "select * from timeline_entries where id = ? and conference_id = ?", [entry_id, actor.conference_id])
    if not entry:
        raise NotFound("timeline entry")
    return entry


def _own(db, actor: Actor, entry_id) -> dict:
    entry = _get(db, actor, entry_id)
    if actor.is_staff:
        return entry
    if actor.role != "participant" or entry["participant_id"] != actor.participant_id:
        raise Forbidden(N_("You can only change your own entries."))
    return entry


def edit_entry(db, actor: Actor, data: dict):
    actor.require_participant()
    entry = _own(db, actor, data.get("id"))
    conf = conferences.get(db, actor.conference_id)
    values = {"text": v.text(data.get("text"), "text", max_len=MAX_ENTRY), "updated_at": now()}
    if "lens" in data:
        values["lens"] = _lens(conf, data.get("lens"))
    if "year" in data or "decade" in data:
        values["decade"], values["year"] = _place(conf, data, conference_year(db, actor.conference_id))
    db["timeline_entries"].update(entry["id"], values)
    entry = public(_get(db, actor, entry["id"]))
    event = events.append(db, actor.conference_id, "timeline.entry", entry, actor=actor)
    return {**entry, "mine": True}, [event]


def remove_entry(db, actor: Actor, data: dict):
    if not (actor.is_staff or actor.role == "participant"):
        raise Forbidden()
    entry = _own(db, actor, data.get("id"))
    db.execute("delete from timeline_entries where id = ?", [entry["id"]])
    event = events.append(db, actor.conference_id, "timeline.removed", {"id": entry["id"]}, actor=actor)
    return {"id": entry["id"]}, [event]


def show(db, actor: Actor, data: dict):
    """The facilitator puts one timeline on the projector (``lens``), or all three (null)."""
    actor.require_staff()
    lens = None if data.get("lens") is None else _lens(conferences.get(db, actor.conference_id), data.get("lens"))
    return {"lens": lens}, [focus.set_focus(db, actor, FOCUS, lens, "timeline.show")]


def state(db, actor: Actor) -> dict:
    conf = conferences.get(db, actor.conference_id)
    entries = rows(db, "select * from timeline_entries where conference_id = ? order by decade, coalesce(year, decade), id",
                   [actor.conference_id])
    me = actor.participant_id if actor.role == "participant" else None
    return {
        "lenses": lenses(conf),
        "start_year": conf["timeline_start_year"],
        "decades": decades(conf["timeline_start_year"], conference_year(db, actor.conference_id)),
        "entries": [{**public(e), "mine": me is not None and e["participant_id"] == me} for e in entries],
        "showing": focus.get(db, actor.conference_id, FOCUS),
    }


# --- the report (domain/reporting.py) --------------------------------------------------------------

def report(r) -> list[dict]:
    """The timelines per lens, by decade."""
    from collections import defaultdict

    from facilitator.domain import reporting as rp

    _ = r.gettext
    s = state(r.db, r.staff)
    out = r.section(_("The past: timelines"), s["entries"])
    labels = {x["decade"]: decade_label(x, _) for x in s.get("decades", [])}
    for lens_index, lens in enumerate(s["lenses"]):
        entries = [e for e in s["entries"] if e["lens"] == lens_index]
        if not entries:
            continue
        out.append(rp.heading(_("Timeline") + ": " + r.lens_label(lens), 2))
        by_decade = defaultdict(list)
        for e in entries:
            by_decade[e["decade"]].append(e)
        for decade in sorted(by_decade):
            out.append(rp.label(labels.get(decade, f"{decade}-{decade + 9}")))
            out.append(rp.bullets((f"{e['year']}: " if e.get("year") else "") + e["text"] for e in by_decade[decade]))
    return out
