"""Conferences: their settings, join codes, and who may run them."""
from __future__ import annotations

import json
import secrets
from datetime import date

from facilitator.db import now, row, rows, transaction
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError

LANGUAGES = ("nl", "en")
MODES = ("room", "online", "hybrid")
# Other words people (and files) use for a mode: a conference "in person" is one in the room
MODE_WORDS = {"in_person": "room", "in-person": "room", "in person": "room", "offline": "room"}
STATUSES = ("open", "closed")
DEFAULT_LENSES = ["personal", "local", "global"]
# What the default lenses are called (messages, N_): the same words in the app and in the report.
LENS_LABELS = {"personal": N_("Personal"), "local": N_("Local and topic"), "global": N_("Global")}
# Join codes avoid characters that are easy to confuse (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

JSON_FIELDS = ("timeline_lenses", "organisers", "neighbourhoods", "themes")


def clean_settings(data: dict, *, partial: bool = False, prefix: str = "") -> dict:
    """Validate conference settings; returns the cleaned values.

    With ``partial`` only the keys present are checked (for updates).
    """
    this_year = date.today().year
    checks = {
        "title": lambda x: v.text(x, prefix + "title", max_len=200),
        "subtitle": lambda x: v.text(x, prefix + "subtitle", max_len=300, required=False),
        "central_question": lambda x: v.text(x, prefix + "central_question", max_len=500, required=False),
        "language": lambda x: v.choice(x, prefix + "language", LANGUAGES),
        "mode": lambda x: v.choice(MODE_WORDS.get(x, x) if isinstance(x, str) else x, prefix + "mode", MODES),
        "timeline_start_year": lambda x: v.integer(
            x, prefix + "timeline.start_year", minimum=1800, maximum=this_year
        ),
        "timeline_lenses": lambda x: _lenses(x, prefix + "timeline.lenses"),
        "future_year": lambda x: v.integer(x, prefix + "future_year", minimum=1900, maximum=2200),
        "free_places": lambda x: v.integer(x, prefix + "free_places", minimum=0, maximum=10000),
        "organisers": lambda x: v.string_list(x, prefix + "organisers", max_items=50),
        "contact_email": lambda x: v.email(x, prefix + "contact_email"),
        "neighbourhoods": lambda x: v.string_list(x, prefix + "neighbourhoods", max_items=500, max_len=100),
        "themes": lambda x: v.string_list(x, prefix + "themes", max_items=200, max_len=100),
        "status": lambda x: v.choice(x, prefix + "status", STATUSES),
    }
    required = ("title",)
    out = {}
    for key, check in checks.items():
        if key in data:
            out[key] = check(data[key])
        elif not partial and key in required:
            out[key] = check(None)
    return out


def _lenses(value, field):
    lenses = v.string_list(value, field, max_items=3, max_len=60)
    if len(lenses) != 3:
        raise ValidationError(field, N_("%(name)s must name exactly three lenses."), name=field)
    return lenses


def _encode(values: dict) -> dict:
    return {k: json.dumps(val, ensure_ascii=False) if k in JSON_FIELDS else val for k, val in values.items()}


def decode(conf: dict) -> dict:
    """A conference row with its JSON columns turned into lists."""
    out = dict(conf)
    for key in JSON_FIELDS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def new_join_code(db) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not row(db, "select 1 from conferences where join_code = ?", [code]):
            return code


def new_presenter_key() -> str:
    """The secret in the projector link: read-only, but it shows what participants posted."""
    return secrets.token_urlsafe(16)


def by_presenter_key(db, key: str) -> dict | None:
    if not isinstance(key, str) or not key:
        return None
    conf = row(db, "select * from conferences where presenter_key = ?", [key])
    return decode(conf) if conf else None


def normalise_code(code: str) -> str:
    """What a person typed, as a join code: upper case, no spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def create(db, data: dict, *, owner_id: int | None = None) -> int:
    values = clean_settings(data)
    year = date.today().year
    values.setdefault("timeline_start_year", year - 30)
    values.setdefault("future_year", year + 10)
    stamp = now()
    with transaction(db):
        values.update(join_code=new_join_code(db), presenter_key=new_presenter_key(), created_at=stamp, updated_at=stamp)
        conference_id = db["conferences"].insert(_encode(values)).last_pk
        if owner_id is not None:
            add_member(db, conference_id, owner_id, "organiser")
    return conference_id


def update(db, conference_id: int, data: dict) -> dict:
    get(db, conference_id)
    values = clean_settings(data, partial=True)
    if values:
        values["updated_at"] = now()
        with transaction(db):
            db["conferences"].update(conference_id, _encode(values))
    return get(db, conference_id)


def get(db, conference_id: int) -> dict:
    conf = row(db, "select * from conferences where id = ?", [conference_id])
    if not conf:
        raise NotFound("conference")
    return decode(conf)


def by_code(db, code: str) -> dict | None:
    conf = row(db, "select * from conferences where join_code = ?", [normalise_code(code)])
    return decode(conf) if conf else None


def list_all(db) -> list[dict]:
    return [decode(c) for c in rows(db, "select * from conferences order by created_at desc, id desc")]


def list_for_user(db, user: dict) -> list[dict]:
    if user.get("is_admin"):
        return list_all(db)
    return [
        decode(c)
        for c in rows(
            db,
            "select c.* from conferences c join conference_users cu on cu.conference_id = c.id "
            "where cu.user_id = ? order by c.created_at desc, c.id desc",
            [user["id"]],
        )
    ]


def delete(db, conference_id: int) -> None:
    with transaction(db):
        db.execute("delete from conferences where id = ?", [conference_id])


# --- who may run a conference ------------------------------------------------

ROLES = ("organiser", "facilitator")


def role_of(db, conference_id: int, user: dict | None) -> str | None:
    """'organiser', 'facilitator' or None. Admins organise every conference."""
    if not user:
        return None
    if user.get("is_admin"):
        return "organiser"
    r = row(
        db,
        "select role from conference_users where conference_id = ? and user_id = ?",
        [conference_id, user["id"]],
    )
    return r["role"] if r else None


def add_member(db, conference_id: int, user_id: int, role: str) -> None:
    v.choice(role, "role", ROLES)
    db.execute(
        "insert into conference_users (conference_id, user_id, role) values (?, ?, ?) "
        "on conflict(conference_id, user_id) do update set role = excluded.role",
        [conference_id, user_id, role],
    )


def remove_member(db, conference_id: int, user_id: int) -> None:
    organisers = rows(
        db,
        "select user_id from conference_users where conference_id = ? and role = 'organiser'",
        [conference_id],
    )
    if [o["user_id"] for o in organisers] == [user_id]:
        raise DomainError("last_organiser", N_("A conference needs at least one organiser."))
    db.execute(
        "delete from conference_users where conference_id = ? and user_id = ?",
        [conference_id, user_id],
    )


def members(db, conference_id: int) -> list[dict]:
    return rows(
        db,
        "select u.id, u.email, u.name, cu.role from conference_users cu "
        "join users u on u.id = cu.user_id where cu.conference_id = ? order by u.name, u.email",
        [conference_id],
    )
