"""Video-call links per table, for online and hybrid conferences.

The organiser sets a pattern for all tables (``{n}`` or ``{table}`` stands for the table's
number) and/or a link for one table, which wins over the pattern. Only ``http`` and ``https``
links are taken. A table's members see their table's link on their page while the table works (a
session with mixed tables); facilitators see every table's link in the cockpit.

Changes take the live pipeline (``tables.video``): one event per table to that table's members,
and one with every table's link to the facilitators.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from facilitator.db import row, rows
from facilitator.domain import events, scenarios
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, NotFound, ValidationError
from facilitator.domain.events import Actor

MAX_URL = 500
PLACEHOLDER = re.compile(r"\{(n|table)\}")


def check_url(value, field: str) -> str:
    """A link people may open: http or https, with a host, no spaces; empty clears it."""
    url = v.text(value, field, max_len=MAX_URL, required=False)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise ValidationError(field, N_("%(name)s must be a link starting with https:// or http://."), name=field)
    return url


def check_pattern(value) -> str:
    pattern = v.text(value, "video_pattern", max_len=MAX_URL, required=False)
    if not pattern:
        return ""
    if not PLACEHOLDER.search(pattern):
        raise ValidationError("video_pattern", N_("The pattern needs {n} where the table's number goes."))
    check_url(fill(pattern, 1), "video_pattern")
    return pattern


def fill(pattern: str, number: int) -> str:
    return PLACEHOLDER.sub(str(number), pattern) if pattern else ""


def pattern(db, conference_id: int) -> str:
    r = row(db, "select video_pattern from conferences where id = ?", [conference_id])
    return r["video_pattern"] if r else ""


def link(t: dict, conference_pattern: str) -> str:
    """A table's link: its own, else the pattern's."""
    return t.get("video_url") or fill(conference_pattern, t["number"])


def tables_with_links(db, conference_id: int, tabling_id: int | None = None) -> list[dict]:
    """The tables of a tabling (the tables in use when none is given), each with its link
    (``video_url``) and whether that link is its own (``own``) rather than the pattern's."""
    tabling_id = tabling_id or scenarios.active_tabling_id(db, conference_id)
    if tabling_id is None:
        return []
    p = pattern(db, conference_id)
    found = rows(db, "select t.id, t.number, t.name, t.video_url from tables t join tablings tb on tb.id = t.tabling_id "
                     "where t.tabling_id = ? and tb.conference_id = ? order by t.number", [tabling_id, conference_id])
    return [{"id": t["id"], "number": t["number"], "name": t["name"], "video_url": link(t, p),
             "own": bool(t["video_url"])} for t in found]


def _all_links(db, conference_id: int) -> dict[int, dict]:
    p = pattern(db, conference_id)
    found = rows(db, "select t.id, t.number, t.video_url from tables t join tablings tb on tb.id = t.tabling_id "
                     "where tb.conference_id = ?", [conference_id])
    return {t["id"]: {"id": t["id"], "number": t["number"], "video_url": link(t, p)} for t in found}


def state(db, actor: Actor) -> dict:
    """The snapshot part ``video``: a participant's own table's link; every table's for staff."""
    if actor.is_staff:
        return {"pattern": pattern(db, actor.conference_id), "tables": tables_with_links(db, actor.conference_id)}
    if actor.role != "participant":
        return {}
    mine = scenarios.seated_table(db, actor)
    if not mine:
        return {"my_table": None}
    t = row(db, "select id, number, name, video_url from tables where id = ?", [mine["id"]])
    return {"my_table": {"id": t["id"], "number": t["number"], "video_url": link(t, pattern(db, actor.conference_id))}}


def set_links(db, actor: Actor, data: dict):
    """Organisers and facilitators: ``pattern`` (for every table) and/or ``links`` ({table id: url}).

    Everything is checked before anything is written: one bad link changes nothing.
    """
    actor.require_staff()
    cid = actor.conference_id
    values = {}
    if "pattern" in data:
        values["pattern"] = check_pattern(data.get("pattern"))
    links = data.get("links", {})
    if not isinstance(links, dict):
        raise ValidationError("links", N_("%(name)s must be an object."), name="links")
    current = _all_links(db, cid)
    own = {}
    for key, url in links.items():
        table_id = v.integer(key, "links", minimum=1)
        if table_id not in current:
            raise NotFound("table")
        own[table_id] = check_url(url, f"links.{table_id}")
    if "pattern" in values:
        db.execute("update conferences set video_pattern = ? where id = ?", [values["pattern"], cid])
    for table_id, url in own.items():
        db.execute("update tables set video_url = ? where id = ?", [url, table_id])
    after = _all_links(db, cid)
    out = [events.append(db, cid, "tables.video", {"table_id": t["id"], "number": t["number"], "video_url": t["video_url"]},
                         audience=f"table:{t['id']}", actor=actor)
           for t in after.values() if t["video_url"] != current[t["id"]]["video_url"]]
    staff_view = {"pattern": pattern(db, cid), "tables": tables_with_links(db, cid)}
    out.append(events.append(db, cid, "tables.video.all", staff_view, audience="facilitators", actor=actor))
    return staff_view, out
