"""Shared texts as CRDT documents (Yjs updates, merged on the server with pycrdt).

docs/collaborative-texts.md describes the model. ``documents``: one row per shared text, named by
``kind`` (what it belongs to, e.g. ``scenario``), ``ref_id`` (the id of that row, e.g. the mixed
table) and ``field`` (e.g. ``story``); ``snapshot`` is the merged Yjs state (update format v1),
``version`` changes with every write (the in-process cache checks it). ``document_updates``: the
updates received since the last compaction, in order, each with the sequence number of its event.
``kind`` lists the kinds of shared text there are and may come (the registry in
facilitator/domain/shared_texts.py says which are in use). No authorship is stored here (the event log's ``actor`` is as for every other event).
"""

SCHEMA = [
    """create table documents (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        kind text not null check (kind in ('scenario', 'timeline', 'trend_response', 'prouds', 'common_ground',
                                           'goal', 'action', 'review')),
        ref_id integer not null,
        field text not null,
        snapshot blob not null default x'0000',
        version text not null default '',
        pending integer not null default 0,
        compactions integer not null default 0,
        updated_at text not null,
        unique (conference_id, kind, ref_id, field)
    )""",
    """create table document_updates (
        id integer primary key,
        document_id integer not null references documents(id) on delete cascade,
        seq integer not null,
        data blob not null
    )""",
    "create index document_updates_document on document_updates(document_id, id)",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
