"""Personal data: what the system holds about a participant, and erasure.

``my_data`` collects every row that points at the participant, found from SQLite's own schema (any
column with a foreign key to ``participants``), so a table added later is included without change.

``erase`` removes the name and contact details (participants.name, .email, .role blanked, the
personal link replaced, ``hide_name`` set) and keeps the contributions, anonymised: they still point at
the participants row, which now has no name. Because a name can also have been typed into text
(a note that says "as Jan de Vries said"), every text column of every table that belongs to the
conference, the event log (``events.data``) and the live pipeline's answers (``client_ops``) are
scrubbed of the name and e-mail address too. Then the files forget them as well
(:func:`facilitator.db.forget_deleted`): ``secure_delete`` zeroes what was overwritten, VACUUM
rewrites the database file, and a TRUNCATE checkpoint empties the WAL, which held every page as it
was written. Saved export copies that hold the name are deleted.
"""
from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from pathlib import Path

from facilitator.db import forget_deleted, now, row, rows, transaction
from facilitator.domain import events, participants, shared_texts
from facilitator.domain.errors import N_, DomainError
from facilitator.domain.events import Actor

ERASED = "[erased]"
BY = ("self", "organiser")
SKIP = {"participants"}  # handled field by field below


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(db) -> list[str]:
    return [r[0] for r in db.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
                                     "order by name")]


def _refs_to_participants(db) -> list[tuple[str, str]]:
    out = []
    for t in _tables(db):
        for fk in db.execute(f"pragma foreign_key_list({_q(t)})").fetchall():
            if fk[2] == "participants":
                out.append((t, fk[3]))
    if ("actions", "created_by") not in out and "actions" in _tables(db):
        out.append(("actions", "created_by"))
    return out


def my_data(db, conference_id: int, participant_id: int) -> dict:
    """Everything held about one participant, as JSON-ready data (for the page and the download)."""
    p = participants.get(db, conference_id, participant_id)
    consent = row(db, "select public_name from participant_consent where participant_id = ?", [participant_id])
    held = {}
    for table, column in _refs_to_participants(db):
        found = rows(db, f"select * from {_q(table)} where {_q(column)} = ?", [participant_id])
        if found:
            held.setdefault(table, []).extend(found)
    return {
        "participant": {k: p[k] for k in ("id", "name", "organisation", "email", "role", "group_name", "joined_via",
                                          "hide_name", "created_at", "last_seen_at")},
        "consent": {"name_on_shared_plan": bool(consent and consent["public_name"])},
        "erased": bool(row(db, "select 1 from erasures where participant_id = ?", [participant_id])),
        "records": held,
    }


# --- erasure --------------------------------------------------------------------------------

def _pattern(terms: list[str]):
    terms = sorted({t.strip() for t in terms if t and len(t.strip()) >= 2}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(r"(?<!\w)" + re.escape(t) + r"(?!\w)" for t in terms), re.IGNORECASE)


def _scrub_value(value, pattern):
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub_value(x, pattern) for x in value]
    if isinstance(value, dict):
        return {k: _scrub_value(x, pattern) for k, x in value.items()}
    return value


def _scrub_json_or_text(text: str, pattern) -> str:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return pattern.sub(ERASED, text)
    return json.dumps(_scrub_value(data, pattern), ensure_ascii=False)


def _scrub_tables(db, conference_id: int, terms: list[str]) -> int:
    """Replace the terms in every text column of every row that belongs to the conference; returns the count."""
    from facilitator.export.backup import _owner_filter, schema

    pattern = _pattern(terms)
    if pattern is None:
        return 0
    tables = schema(db)
    changed = 0
    targets = [(name, _owner_filter(tables, name)) for name in tables if name not in SKIP]
    targets.append(("client_ops", "conference_id = :cid"))
    for name, owner in targets:
        info = db.execute(f"pragma table_info({_q(name)})").fetchall()
        text_cols = [c[1] for c in info if "char" in (c[2] or "").lower() or "text" in (c[2] or "").lower()
                     or not c[2]]
        pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] or ["rowid"]
        keys = ", ".join(_q(k) if k != "rowid" else k for k in pk)
        match = " and ".join(f"{_q(k) if k != 'rowid' else k} = :k{i}" for i, k in enumerate(pk))
        for col in text_cols:
            likes = " or ".join(f"{_q(col)} like :t{i}" for i in range(len(terms)))
            params = {"cid": conference_id, **{f"t{i}": f"%{t}%" for i, t in enumerate(terms)}}
            found = db.execute(f"select {keys}, {_q(col)} from {_q(name)} where ({owner}) and ({likes})", params).fetchall()
            for r in found:
                value = r[-1]
                if not isinstance(value, str):
                    continue
                new = _scrub_json_or_text(value, pattern) if value[:1] in "{[" else pattern.sub(ERASED, value)
                if new != value:
                    db.execute(f"update {_q(name)} set {_q(col)} = :v where {match}",
                               {"v": new, **{f"k{i}": r[i] for i in range(len(pk))}})
                    changed += 1
    return changed


def erase(db, actor: Actor, data: dict, *, exports_dir=None):
    """Erase a participant's name and contact details: the person themself (``self``) or the organiser.

    Their contributions stay, anonymised. Saved export copies of the conference in ``exports_dir`` that
    hold the name are deleted (they can be made again). Returns ``(result, [events])``.
    """
    cid = actor.conference_id
    if actor.role == "participant":
        target = actor.participant_id
        by = "self"
    elif actor.role == "organiser":
        from facilitator.domain import validate as v

        target = v.integer(data.get("participant_id"), "participant_id", minimum=1)
        by = "organiser"
    else:
        raise DomainError("forbidden", N_("Only the person themself or the organiser may erase a participant."))
    p = participants.get(db, cid, target)
    if row(db, "select 1 from erasures where participant_id = ?", [target]):
        raise DomainError("already_erased", N_("This participant's data was already erased."))
    terms = [t for t in (p["name"], p["email"]) if t]
    with transaction(db):
        db.execute("update participants set name = '', email = '', role = '', hide_name = 1, token = ?, "
                   "last_seen_at = null where id = ?", [participants.new_token(), target])
        db.execute("delete from participant_consent where participant_id = ?", [target])
        _forget_mail(db, cid, target, p["email"])
        db.execute("insert into erasures (participant_id, conference_id, by_role, erased_at) values (?, ?, ?, ?)",
                   [target, cid, by, now()])
        # Shared texts first: their documents are rewritten (and their history compacted away), then
        # the plain texts and events are scrubbed like every other row.
        pattern = _pattern(terms)
        doc_events = shared_texts.scrub(db, actor, cid, pattern, ERASED) if pattern else []
        scrubbed = _scrub_tables(db, cid, terms)
        event = events.append(db, cid, "participant.erased", {"participant_id": target}, actor=actor)
    if not forget_deleted(db):  # a long read elsewhere kept the WAL: the next checkpoint empties it
        logging.getLogger(__name__).warning("erasure: the WAL could not be emptied yet (a reader holds it)")
    removed = purge_export_copies(exports_dir, cid, terms) if exports_dir else 0
    return {"participant_id": target, "scrubbed": scrubbed, "copies_removed": removed}, [*doc_events, event]


def _forget_mail(db, conference_id: int, participant_id: int, address: str) -> None:
    """Mail (issue 16): what waits for the person is cancelled and no stored mail keeps their address or
    text; their registration loses name, organisation and address; their unsubscribe row goes (it held
    the address; with no address left nothing can be sent to them)."""
    from facilitator.domain import mail_queue

    mail_queue.forget_participant(db, participant_id)
    if address:
        db.execute("update mail_queue set state = case when state in ('queued', 'outbox', 'failed', 'sending') "
                   "then 'cancelled' else state end, to_addr = '', raw = '', subject = '', last_error = 'erased' "
                   "where conference_id = ? and to_addr = ? collate nocase", [conference_id, address])
        db.execute("delete from mail_unsubscribes where conference_id = ? and email = ? collate nocase",
                   [conference_id, address])
    db.execute("update registrations set name = '', organisation = '', email = 'erased-' || id || '@invalid', "
               "pending = null, pending_token = null, "
               "state = case when state in ('registered', 'waiting', 'pending', 'unconfirmed') then 'cancelled' "
               "else state end where participant_id = ? or (conference_id = ? and email = ? collate nocase)",
               [participant_id, conference_id, address or "\u0000"])


def _holds(content: bytes, terms: list[str]) -> bool:
    texts = []
    if zipfile.is_zipfile(io.BytesIO(content)):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            texts = [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    else:
        texts = [content.decode("utf-8", "replace")]
    lowered = [t.lower() for t in terms]
    return any(term in text.lower() for text in texts for term in lowered)


def purge_export_copies(exports_dir, conference_id: int, terms: list[str]) -> int:
    """Delete the conference's saved exports (Word, CSV zip, JSON backup) that hold any of the terms."""
    folder = Path(exports_dir)
    if not folder.is_dir() or not terms:
        return 0
    marker = f"-{conference_id}-"
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and marker in path.name and _holds(path.read_bytes(), terms):
            path.unlink()
            removed += 1
    return removed


def is_erased(db, participant_id: int) -> bool:
    return bool(row(db, "select 1 from erasures where participant_id = ?", [participant_id]))
