"""The conference definition as JSON (format ``facilitator.conference/1``): import and export.

The whole file is checked before anything is written; an error names the field
(for example ``participants[3].stakeholder_group``) and nothing is imported.
docs/definition-format.md documents the format.
"""
from __future__ import annotations

import json

from facilitator.db import now, transaction
from facilitator.domain import conferences, groups, participants, programme
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, ValidationError

FORMAT = "facilitator.conference/1"
TOP_LEVEL = {
    "format", "title", "subtitle", "central_question", "language", "mode", "organisers", "contact_email",
    "timeline", "future_year", "free_places", "stakeholder_groups", "participants", "statements",
    "neighbourhoods", "themes", "materials", "days", "status",
}
MATERIAL_KINDS = ("document", "recording", "website")
STATEMENT_SCALES = ("agree", "scale5")


def _obj(value, field):
    if not isinstance(value, dict):
        raise ValidationError(field, N_("%(name)s must be an object."), name=field)
    return value


def _list(value, field, max_items=10000):
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(field, N_("%(name)s must be a list."), name=field)
    if len(value) > max_items:
        raise ValidationError(field, N_("%(name)s has too many items (at most %(max)d)."), name=field, max=max_items)
    return value


def parse(text: str | bytes) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("file", N_("The file is not valid JSON: %(error)s"), error=str(exc)) from None
    except RecursionError:
        raise ValidationError("file", N_("The file is nested too deeply to be a conference definition.")) from None
    return _obj(data, "file")


def validate(data: dict) -> dict:
    """Check a definition; returns a cleaned copy ready for :func:`import_definition`."""
    _obj(data, "file")
    if data.get("format") != FORMAT:
        raise ValidationError("format", N_("format must be \"%(expected)s\"."), expected=FORMAT)
    unknown = sorted(set(data) - TOP_LEVEL)
    if unknown:
        raise ValidationError(unknown[0], N_("%(key)s is not a known field."), key=unknown[0])

    timeline = _obj(data.get("timeline", {}), "timeline")
    settings = {k: data[k] for k in ("title", "subtitle", "central_question", "language", "mode", "organisers",
                                     "contact_email", "future_year", "free_places", "neighbourhoods", "themes",
                                     "status") if k in data}
    if "start_year" in timeline:
        settings["timeline_start_year"] = timeline["start_year"]
    if "lenses" in timeline:
        settings["timeline_lenses"] = timeline["lenses"]
    for key in ("language", "mode", "future_year"):
        if key not in settings:
            raise ValidationError(key, N_("%(name)s is required."), name=key)
    if "timeline_start_year" not in settings:
        raise ValidationError("timeline.start_year", N_("%(name)s is required."), name="timeline.start_year")
    cleaned = {"settings": conferences.clean_settings(settings)}

    group_keys = set()
    cleaned["stakeholder_groups"] = []
    for i, g in enumerate(_list(data.get("stakeholder_groups"), "stakeholder_groups", 50)):
        f = f"stakeholder_groups[{i}]"
        _obj(g, f)
        key = v.text(g.get("key"), f + ".key", max_len=60)
        if key in group_keys:
            raise ValidationError(f + ".key", N_("%(name)s: the key '%(value)s' is used twice."), name=f + ".key", value=key)
        group_keys.add(key)
        cleaned["stakeholder_groups"].append(
            {"key": key, "name": v.text(g.get("name"), f + ".name", max_len=80), "colour": v.colour(g.get("colour"), f + ".colour")}
        )

    cleaned["participants"] = []
    for i, p in enumerate(_list(data.get("participants"), "participants", 5000)):
        f = f"participants[{i}]"
        _obj(p, f)
        group = p.get("stakeholder_group")
        if group not in (None, "") and group not in group_keys:
            raise ValidationError(f + ".stakeholder_group", N_("%(name)s: unknown stakeholder group '%(value)s'."),
                                  name=f + ".stakeholder_group", value=str(group))
        cleaned["participants"].append({
            "name": v.text(p.get("name"), f + ".name", max_len=120),
            "organisation": v.text(p.get("organisation"), f + ".organisation", max_len=160, required=False),
            "email": v.email(p.get("email"), f + ".email"),
            "role": v.text(p.get("role"), f + ".role", max_len=80, required=False),
            "stakeholder_group": group or None,
            "hide_name": 1 if p.get("hide_name") else 0,
        })

    cleaned["statements"] = []
    for i, s in enumerate(_list(data.get("statements"), "statements", 500)):
        f = f"statements[{i}]"
        if isinstance(s, str):
            s = {"text": s}
        _obj(s, f)
        cleaned["statements"].append({
            "text": v.text(s.get("text"), f + ".text", max_len=500),
            "scale": v.choice(s.get("scale", "agree"), f + ".scale", STATEMENT_SCALES),
        })

    cleaned["materials"] = []
    for i, m in enumerate(_list(data.get("materials"), "materials", 200)):
        f = f"materials[{i}]"
        _obj(m, f)
        cleaned["materials"].append({
            "title": v.text(m.get("title"), f + ".title", max_len=200),
            "url": v.url(m.get("url"), f + ".url"),
            "kind": v.choice(m.get("kind", "document"), f + ".kind", MATERIAL_KINDS),
        })

    cleaned["days"] = []
    for i, d in enumerate(_list(data.get("days"), "days", 30)):
        f = f"days[{i}]"
        _obj(d, f)
        day = {"date": v.date(d.get("date"), f + ".date"),
               "title": v.text(d.get("title"), f + ".title", max_len=120, required=False), "sessions": []}
        for j, s in enumerate(_list(d.get("sessions"), f + ".sessions", 100)):
            sf = f"{f}.sessions[{j}]"
            _obj(s, sf)
            day["sessions"].append(programme.clean_session(s, prefix=sf + "."))
        cleaned["days"].append(day)
    return cleaned


def import_definition(db, data: dict, *, owner_id: int | None = None) -> int:
    """Validate and import a definition as a new conference; returns its id."""
    cleaned = validate(data)
    stamp = now()
    with transaction(db):
        values = conferences._encode(cleaned["settings"])
        values.update(join_code=conferences.new_join_code(db), presenter_key=conferences.new_presenter_key(), created_at=stamp, updated_at=stamp)
        cid = db["conferences"].insert(values).last_pk
        if owner_id is not None:
            conferences.add_member(db, cid, owner_id, "organiser")
        group_ids = {}
        for pos, g in enumerate(cleaned["stakeholder_groups"]):
            group_ids[g["key"]] = db["stakeholder_groups"].insert({**g, "conference_id": cid, "position": pos}).last_pk
        db["participants"].insert_all(
            {
                "conference_id": cid, "name": p["name"], "organisation": p["organisation"], "email": p["email"],
                "role": p["role"], "stakeholder_group_id": group_ids.get(p["stakeholder_group"]),
                "hide_name": p["hide_name"], "token": participants.new_token(), "joined_via": "invited",
                "created_at": stamp,
            }
            for p in cleaned["participants"]
        )
        db["statements"].insert_all({**s, "conference_id": cid, "position": pos}
                                    for pos, s in enumerate(cleaned["statements"]))
        db["materials"].insert_all({**m, "conference_id": cid, "position": pos}
                                   for pos, m in enumerate(cleaned["materials"]))
        for pos, d in enumerate(cleaned["days"]):
            day_id = db["days"].insert({"conference_id": cid, "date": d["date"], "title": d["title"], "position": pos}).last_pk
            db["sessions"].insert_all({**s, "conference_id": cid, "day_id": day_id, "position": n}
                                      for n, s in enumerate(d["sessions"]))
    return cid


def export_definition(db, conference_id: int) -> dict:
    """The conference's setup in the import format (no personal tokens, no contributions)."""
    c = conferences.get(db, conference_id)
    out = {
        "format": FORMAT,
        "title": c["title"],
        "subtitle": c["subtitle"],
        "central_question": c["central_question"],
        "language": c["language"],
        "mode": c["mode"],
        "status": c["status"],
        "organisers": c["organisers"],
        "contact_email": c["contact_email"],
        "timeline": {"start_year": c["timeline_start_year"], "lenses": c["timeline_lenses"]},
        "future_year": c["future_year"],
        "free_places": c["free_places"],
        "stakeholder_groups": [
            {"key": g["key"], "name": g["name"], "colour": g["colour"]} for g in groups.list_for(db, conference_id)
        ],
        "participants": [
            {k: p[k] for k in ("name", "organisation", "email", "role")}
            | {"stakeholder_group": p["group_key"]}
            | ({"hide_name": True} if p["hide_name"] else {})
            for p in participants.list_for(db, conference_id, order="added")
        ],
        "statements": [
            s["text"] if s["scale"] == "agree" else {"text": s["text"], "scale": s["scale"]}
            for s in db.query("select text, scale from statements where conference_id = ? order by position, id",
                              [conference_id])
        ],
        "neighbourhoods": c["neighbourhoods"],
        "themes": c["themes"],
        "materials": list(db.query("select title, url, kind from materials where conference_id = ? "
                                   "order by position, id", [conference_id])),
        "days": [
            {"date": d["date"], **({"title": d["title"]} if d["title"] else {}),
             "sessions": [{k: s[k] for k in programme.SESSION_FIELDS if k != "track" or s["track"]}
                          for s in d["sessions"]]}
            for d in programme.programme(db, conference_id)
        ],
    }
    return out
