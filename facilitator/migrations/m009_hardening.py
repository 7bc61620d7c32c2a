"""Hardening: revocable sign-in sessions, and the record of applied operations kept per sender.

- ``user_sessions``: one row per signed-in browser. The session cookie carries the row's random id;
  signing out deletes the row, a new password or "sign out everywhere" deletes all of a user's
  rows, so a copied cookie stops working at once.
- ``client_ops`` is keyed by conference, sender and op id: one person's op id can never return
  the answer given to another. Rows from before carry the sender '' (nobody matches it).
"""


def up(db):
    db.execute("""create table user_sessions (
        id text primary key,
        user_id integer not null references users(id) on delete cascade,
        created_at text not null
    )""")
    db.execute("create index user_sessions_user on user_sessions (user_id)")
    db.execute("""create table client_ops_by_sender (
        conference_id integer not null references conferences(id) on delete cascade,
        actor text not null,
        op_id text not null,
        kind text not null,
        result text not null,
        seq integer,
        created_at text not null,
        primary key (conference_id, actor, op_id)
    ) without rowid""")
    db.execute("insert into client_ops_by_sender (conference_id, actor, op_id, kind, result, seq, created_at) "
               "select conference_id, '', op_id, kind, result, seq, created_at from client_ops")
    db.execute("drop table client_ops")
    db.execute("alter table client_ops_by_sender rename to client_ops")
