"""Participants: invited (with a personal link) or joined with the conference code."""
from __future__ import annotations

import csv
import io
import secrets

from facilitator.db import now, row, rows, transaction
from facilitator.domain import conferences, groups
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError

CSV_COLUMNS = ["name", "organisation", "email", "stakeholder_group", "role"]
MAX_CSV_ROWS = 5000


def new_token() -> str:
    """An unguessable personal token (about 128 bits)."""
    return secrets.token_urlsafe(16)


def clean(db, conference_id: int, data: dict, *, prefix: str = "") -> dict:
    out = {
        "name": v.text(data.get("name"), prefix + "name", max_len=120),
        "organisation": v.text(data.get("organisation"), prefix + "organisation", max_len=160, required=False),
        "email": v.email(data.get("email"), prefix + "email"),
        "role": v.text(data.get("role"), prefix + "role", max_len=80, required=False),
    }
    group_ref = data.get("stakeholder_group")
    if group_ref in (None, ""):
        out["stakeholder_group_id"] = None
    else:
        out["stakeholder_group_id"] = resolve_group(db, conference_id, group_ref, prefix + "stakeholder_group")
    if "hide_name" in data:
        out["hide_name"] = 1 if data.get("hide_name") in (True, 1, "1", "on", "true", "yes") else 0
    return out


def resolve_group(db, conference_id: int, ref, field: str) -> int:
    """A stakeholder group id from its id, key or name."""
    for g in groups.list_for(db, conference_id):
        if ref in (g["id"], str(g["id"]), g["key"]) or (isinstance(ref, str) and ref.strip().lower() == g["name"].lower()):
            return g["id"]
    raise ValidationError(field, N_("%(name)s: unknown stakeholder group '%(value)s'."), name=field, value=str(ref))


def add(db, conference_id: int, data: dict, *, joined_via: str = "invited") -> dict:
    values = clean(db, conference_id, data)
    values.update(conference_id=conference_id, token=new_token(), joined_via=joined_via, created_at=now())
    with transaction(db):
        pid = db["participants"].insert(values).last_pk
    return get(db, conference_id, pid)


def update(db, conference_id: int, participant_id: int, data: dict) -> dict:
    get(db, conference_id, participant_id)
    values = clean(db, conference_id, data)
    with transaction(db):
        db["participants"].update(participant_id, values)
    return get(db, conference_id, participant_id)


def delete(db, conference_id: int, participant_id: int) -> None:
    get(db, conference_id, participant_id)
    with transaction(db):
        db.execute("delete from participants where id = ?", [participant_id])


def get(db, conference_id: int, participant_id: int) -> dict:
    p = row(
        db,
        "select p.*, g.name as group_name, g.colour as group_colour, g.key as group_key "
        "from participants p left join stakeholder_groups g on g.id = p.stakeholder_group_id "
        "where p.id = ? and p.conference_id = ?",
        [participant_id, conference_id],
    )
    if not p:
        raise NotFound("participant")
    return p


def get_or_none(db, conference_id: int, participant_id: int) -> dict | None:
    try:
        return get(db, conference_id, participant_id)
    except NotFound:
        return None


def by_token(db, token: str) -> dict | None:
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    return row(
        db,
        "select p.*, g.name as group_name, g.colour as group_colour, g.key as group_key "
        "from participants p left join stakeholder_groups g on g.id = p.stakeholder_group_id "
        "where p.token = ?",
        [token],
    )


ORDERS = {"group": "g.position, p.name collate nocase, p.id", "added": "p.id"}


def list_for(db, conference_id: int, order: str = "group") -> list[dict]:
    """Everyone in the conference, by stakeholder group and name (or in the order added)."""
    return rows(
        db,
        "select p.*, g.name as group_name, g.colour as group_colour, g.key as group_key "
        "from participants p left join stakeholder_groups g on g.id = p.stakeholder_group_id "
        f"where p.conference_id = ? order by {ORDERS[order]}",
        [conference_id],
    )


def count(db, conference_id: int) -> int:
    return row(db, "select count(*) n from participants where conference_id = ?", [conference_id])["n"]


def free_places_left(db, conference: dict) -> int:
    used = row(
        db,
        "select count(*) n from participants where conference_id = ? and joined_via = 'code'",
        [conference["id"]],
    )["n"]
    return max(0, conference["free_places"] - used)


def join_with_code(db, code: str, data: dict) -> dict:
    """A newcomer joins with the conference code: checks code, status and free places."""
    conference = conferences.by_code(db, code) if code else None
    if not conference:
        raise DomainError("wrong_code", N_("There is no conference with this code. Check the code and try again."), field="code")
    if conference["status"] != "open":
        raise DomainError("conference_closed", N_("This conference is closed. You cannot join any more."))
    values = clean(db, conference["id"], data)
    if values["stakeholder_group_id"] is None and groups.list_for(db, conference["id"]):
        raise ValidationError("stakeholder_group", N_("Choose the group you belong to."))
    with transaction(db):
        # Counted inside the write transaction, so two people cannot take the last place.
        if free_places_left(db, conference) <= 0:
            raise DomainError("conference_full", N_("This conference is full. Ask the organisers for a place."))
        values.update(conference_id=conference["id"], token=new_token(), joined_via="code", created_at=now())
        pid = db["participants"].insert(values).last_pk
    return get(db, conference["id"], pid)


def touch(db, participant_id: int) -> None:
    db.execute("update participants set last_seen_at = ? where id = ?", [now(), participant_id])


def display_name(p: dict) -> str:
    return p["name"]


# --- CSV -------------------------------------------------------------------------

def export_csv(db, conference_id: int, extra: dict | None = None) -> str:
    """The participant list as CSV; ``extra`` maps column name -> function(participant)."""
    extra = extra or {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS + list(extra))
    for p in list_for(db, conference_id):
        writer.writerow(
            [p["name"], p["organisation"], p["email"], p["group_key"] or "", p["role"]]
            + [fn(p) for fn in extra.values()]
        )
    return out.getvalue()


def import_csv(db, conference_id: int, text: str) -> dict:
    """Add or update participants from CSV (matched by e-mail when given).

    The whole file is checked first; one bad line imports nothing.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValidationError("csv", N_("The CSV file needs a header line with at least the column 'name'."))
    cleaned = []
    for line_no, raw in enumerate(reader, start=2):
        if line_no - 1 > MAX_CSV_ROWS:
            raise ValidationError("csv", N_("The CSV file has too many lines (at most %(max)d)."), max=MAX_CSV_ROWS)
        record = {(k or "").strip().lower(): (val or "").strip() for k, val in raw.items() if k}
        if not any(record.values()):
            continue
        cleaned.append(clean(db, conference_id, record, prefix=f"line {line_no}: "))
    added = updated = 0
    with transaction(db):
        for values in cleaned:
            existing = None
            if values["email"]:
                existing = row(
                    db,
                    "select id from participants where conference_id = ? and email = ? collate nocase",
                    [conference_id, values["email"]],
                )
            if existing:
                db["participants"].update(existing["id"], values)
                updated += 1
            else:
                values.update(conference_id=conference_id, token=new_token(), joined_via="invited", created_at=now())
                db["participants"].insert(values)
                added += 1
    return {"added": added, "updated": updated}
