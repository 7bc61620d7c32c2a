"""Shared texts as CRDT documents: Yjs updates from the browsers, merged here with pycrdt (Yrs).

A document is one text that several people write at once (a table's scenario story, ...). It is
named ``<kind>:<ref_id>:<field>`` (``scenario:12:story``); which kinds exist, who may read and
write each and where its plain text lives is the registry in :mod:`facilitator.domain.shared_texts`.

Storage (table ``documents``, migration m011): a merged snapshot (the Yjs state as one update) plus
the updates received since (``document_updates``). Every ``COMPACT_EVERY`` updates they are merged
into the snapshot and deleted, and the events that carried them keep only the document's name and
its text (``{"doc", "text", "compacted": true}``): a document's size stays bounded however long
people type. A client that meets such an event (a resync after a reconnect) asks for the part of
the document it lacks with its state vector (query ``doc.state``).

Every update also writes the merged plain text back to the column it belongs to (for example
``scenarios.story``), so pages, the projector, exports and backups read the text as before.

Updates are checked before anything is written: base64 of at most ``MAX_UPDATE`` characters, a
Yjs update that decodes, touches only the document's one text, depends on nothing the server lacks,
and leaves the text within its maximum length. Otherwise the request is refused and nothing changes.
"""
from __future__ import annotations

import base64
import binascii
import secrets
from collections import OrderedDict

import pycrdt

from facilitator.db import now, transaction
from facilitator.domain import events
from facilitator.domain.errors import N_, DomainError, ValidationError
from facilitator.domain.events import many, one

ROOT = "text"  # the name of the Y.Text inside every document (the browser uses the same name)
MAX_UPDATE = 12_000  # characters of base64 in one update (about 9 KB of Yjs update)
COMPACT_EVERY = 100  # updates kept beside the snapshot before they are merged into it
CACHE_SIZE = 256  # documents kept decoded in this process


class _Cache:
    """Decoded documents by id, each with the version it was read at (LRU)."""

    def __init__(self, size: int):
        self.size = size
        self.docs: OrderedDict[int, tuple[str, pycrdt.Doc]] = OrderedDict()

    def get(self, doc_id: int, version: str):
        found = self.docs.get(doc_id)
        if found and found[0] == version:
            self.docs.move_to_end(doc_id)
            return found[1]
        return None

    def put(self, doc_id: int, version: str, doc) -> None:
        self.docs[doc_id] = (version, doc)
        self.docs.move_to_end(doc_id)
        while len(self.docs) > self.size:
            self.docs.popitem(last=False)

    def drop(self, doc_id: int) -> None:
        self.docs.pop(doc_id, None)


CACHE = _Cache(CACHE_SIZE)


# --- names -------------------------------------------------------------------------------

def key(kind: str, ref_id: int, field: str) -> str:
    return f"{kind}:{ref_id}:{field}"


def parse_key(value) -> tuple[str, int, str]:
    """``"scenario:12:story"`` -> ``("scenario", 12, "story")``; a clear error otherwise."""
    parts = value.split(":") if isinstance(value, str) and len(value) <= 80 else []
    if len(parts) != 3 or not parts[1].isdigit() or not parts[0] or not parts[2]:
        raise ValidationError("doc", N_("Unknown shared text."))
    return parts[0], int(parts[1]), parts[2]


def decode_update(value, field: str = "update") -> bytes:
    """Base64 text of a Yjs update -> bytes (size and shape checked)."""
    if not isinstance(value, str) or not value:
        raise ValidationError(field, N_("The change must be a Yjs update in base64."))
    if len(value) > MAX_UPDATE:
        raise DomainError("too_large", N_("This change is too large (at most %(max)d characters); send it in parts."),
                          field=field, max=MAX_UPDATE)
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(field, N_("The change must be a Yjs update in base64."))
    if not raw:
        raise ValidationError(field, N_("The change must be a Yjs update in base64."))
    return raw


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- reading and writing the store -----------------------------------------------------------

def _row(db, conference_id: int, kind: str, ref_id: int, field: str) -> dict | None:
    return one(db, "select id, snapshot, version, pending from documents where conference_id = ? and kind = ? "
                   "and ref_id = ? and field = ?", [conference_id, kind, ref_id, field])


def _ensure(db, conference_id: int, kind: str, ref_id: int, field: str, initial: str = "") -> dict:
    """The document's row, made on first use; an existing plain text (typed before m011, or
    imported) becomes its first content."""
    r = _row(db, conference_id, kind, ref_id, field)
    if r:
        return r
    doc = pycrdt.Doc()
    text = doc.get(ROOT, type=pycrdt.Text)
    if initial:
        text.insert(0, initial)
    version = secrets.token_hex(8)
    doc_id = events.insert(db, "documents", {"conference_id": conference_id, "kind": kind, "ref_id": ref_id,
                                             "field": field, "snapshot": doc.get_update(), "version": version,
                                             "pending": 0, "updated_at": now()})
    CACHE.put(doc_id, version, doc)
    return {"id": doc_id, "snapshot": None, "version": version, "pending": 0}


def _load(db, r: dict) -> pycrdt.Doc:
    """The decoded document for row ``r``: from the cache when it is current, else rebuilt."""
    doc = CACHE.get(r["id"], r["version"])
    if doc is not None:
        return doc
    snapshot = r["snapshot"]
    if snapshot is None:
        snapshot = one(db, "select snapshot from documents where id = ?", [r["id"]])["snapshot"]
    doc = pycrdt.Doc()
    _root(doc)
    doc.apply_update(snapshot)
    for u in many(db, "select data from document_updates where document_id = ? order by id", [r["id"]]):
        doc.apply_update(u["data"])
    CACHE.put(r["id"], r["version"], doc)
    return doc


def _root(doc) -> pycrdt.Text:
    root = getattr(doc, "_facilitator_text", None)
    if root is None:
        root = doc._facilitator_text = doc.get(ROOT, type=pycrdt.Text)
    return root


def text_of(doc) -> str:
    return str(_root(doc))


def _check_applied(doc, raw: bytes, max_len: int) -> str:
    """After applying: only the one text, nothing missing, within the length. Returns the text."""
    if set(doc.keys()) - {ROOT}:
        raise ValidationError("update", N_("The change does not belong to this text."))
    # What of the update the document still lacks after applying it: structs left over (the first
    # varuint of an update counts its clients' struct groups) were held back for a missing cause.
    if pycrdt.get_update(raw, doc.get_state())[:1] != b"\x00":
        raise DomainError("out_of_date", N_("This change builds on changes the server does not have; reload the text."),
                          field="update")
    text = text_of(doc)
    if len(text) > max_len:
        raise ValidationError("update", N_("The text is too long (at most %(max)d characters)."), max=max_len)
    return text


def apply_update(db, conference_id: int, kind: str, ref_id: int, field: str, raw: bytes, *, max_len: int,
                 initial: str = "", event_for) -> tuple[str, dict]:
    """Merge one update into the document and store it (inside the caller's transaction).

    ``event_for(text)`` appends the event that carries the update (and returns it), so that the
    update row records its sequence number. Returns ``(merged plain text, event)``. Raises a
    DomainError, with nothing written, when the update is not acceptable.
    """
    r = _ensure(db, conference_id, kind, ref_id, field, initial)
    doc = _load(db, r)
    try:
        doc.apply_update(raw)
        text = _check_applied(doc, raw, max_len)
    except ValueError:
        CACHE.drop(r["id"])
        raise ValidationError("update", N_("The change is not a valid Yjs update."))
    except DomainError:
        CACHE.drop(r["id"])  # the decoded copy took the refused change: read it again next time
        raise
    CACHE.drop(r["id"])  # until the write below is done: a failure later must not leave it ahead
    event = event_for(text)
    version = secrets.token_hex(8)
    db.conn.execute("insert into document_updates (document_id, seq, data) values (?, ?, ?)",
                    [r["id"], event["seq"], raw])
    pending = r["pending"] + 1
    if pending >= COMPACT_EVERY:
        _compact(db, conference_id, r["id"], doc, version)
    else:
        db.conn.execute("update documents set version = ?, pending = ?, updated_at = ? where id = ?",
                        [version, pending, now(), r["id"]])
    CACHE.put(r["id"], version, doc)
    return text, event


def _compact(db, conference_id: int, doc_id: int, doc, version: str) -> None:
    """Merge the pending updates into the snapshot; their events keep only the doc and its text."""
    seqs = [u["seq"] for u in many(db, "select seq from document_updates where document_id = ?", [doc_id])]
    db.conn.execute("delete from document_updates where document_id = ?", [doc_id])
    db.conn.execute("update documents set snapshot = ?, version = ?, pending = 0, compactions = compactions + 1, "
                    "updated_at = ? where id = ?", [doc.get_update(), version, now(), doc_id])
    for seq in seqs:
        db.conn.execute("update events set data = json_set(json_remove(data, '$.update'), '$.compacted', json('true')) "
                        "where conference_id = ? and seq = ? and kind = 'doc.update'", [conference_id, seq])


def forget(db, kind: str, ref_id: int) -> None:
    """Delete the documents of one row (every field), with their updates."""
    for r in many(db, "select id from documents where kind = ? and ref_id = ?", [kind, ref_id]):
        db.conn.execute("delete from document_updates where document_id = ?", [r["id"]])
        db.conn.execute("delete from documents where id = ?", [r["id"]])
        CACHE.drop(r["id"])


def state(db, conference_id: int, kind: str, ref_id: int, field: str, *, initial: str = "",
          vector: bytes | None = None) -> dict:
    """The document as an update (all of it, or what a client with state ``vector`` lacks) and its text.
    A document not written yet is described from its plain text without being stored."""
    r = _row(db, conference_id, kind, ref_id, field)
    if r is None and initial:
        # A plain text from before (or from an import) becomes the document's first content once,
        # on the server, so that every browser builds on the same characters.
        with transaction(db):
            r = _ensure(db, conference_id, kind, ref_id, field, initial)
    if r is None:
        return {"update": None, "text": "", "stored": False}
    doc = _load(db, r)
    update = doc.get_update(vector) if vector else doc.get_update()
    return {"update": b64(update), "text": text_of(doc), "stored": True}


def replace_text(doc, new: str) -> None:
    """Turn the document's text into ``new`` with one delete and one insert (the changed middle)."""
    text = doc.get(ROOT, type=pycrdt.Text)
    old = str(text)
    if old == new:
        return
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    at = len(old[:start].encode("utf-8"))  # this pycrdt counts offsets in UTF-8 bytes
    removed = len(old[start:end_old].encode("utf-8"))
    with doc.transaction():
        if removed:
            del text[at:at + removed]
        if end_new > start:
            text.insert(at, new[start:end_new])


def change_to(db, conference_id: int, kind: str, ref_id: int, field: str, value: str, *,
              initial: str = "") -> bytes | None:
    """The update that turns the document's text into ``value`` (one delete and one insert, so it
    merges with what others type instead of overwriting it), or None when it already says that."""
    r = _ensure(db, conference_id, kind, ref_id, field, initial)
    doc = _load(db, r)
    shadow = pycrdt.Doc()
    shadow.apply_update(doc.get_update())
    replace_text(shadow, value)
    if text_of(shadow) == text_of(doc):
        return None
    return shadow.get_update(doc.get_state())


# --- privacy -----------------------------------------------------------------------------------

def scrub(db, conference_id: int, pattern, replacement: str) -> list[tuple[dict, str, str]]:
    """Replace every match of ``pattern`` in the conference's documents (an erased person's name),
    then compact them, so that neither the snapshot nor an event holds the old text any more.
    Returns ``(row, update, text)`` for each document changed (the update, base64, is the change
    itself: deletions and the replacement, never the old characters). Inside the caller's transaction."""
    changed = []
    for r in many(db, "select id, conference_id, kind, ref_id, field, snapshot, version, pending from documents "
                      "where conference_id = ?", [conference_id]):
        doc = _load(db, r)
        old = text_of(doc)
        new = pattern.sub(replacement, old)
        if new != old:
            before = doc.get_state()
            replace_text(doc, new)
            changed.append((r, b64(doc.get_update(before)), new))
        version = secrets.token_hex(8)
        _compact(db, conference_id, r["id"], doc, version)  # the deleted characters are collected out
        CACHE.put(r["id"], version, doc)
    # Every event that carried a document's update keeps only its name and text: the deleted
    # characters must not survive in the log either.
    db.conn.execute("update events set data = json_set(json_remove(data, '$.update'), '$.compacted', json('true')) "
                    "where conference_id = ? and kind = 'doc.update' and json_extract(data, '$.update') is not null",
                    [conference_id])
    return changed
