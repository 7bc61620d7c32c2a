"""The event log (one sequence per conference) and the record of applied client operations."""

SCHEMA = [
    """create table events (
        conference_id integer not null references conferences(id) on delete cascade,
        seq integer not null,
        kind text not null,
        audience text not null default 'all',
        data text not null,
        actor text,
        created_at text not null,
        primary key (conference_id, seq)
    ) without rowid""",
    # A client-made operation id (UUID) is applied once: a resend gets the first answer again.
    """create table client_ops (
        op_id text primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        kind text not null,
        result text not null,
        seq integer,
        created_at text not null
    )""",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
