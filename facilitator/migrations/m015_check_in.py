"""Check-in: one line per participant per check-in session ("what do you bring today?")."""


def up(db):
    db.execute("""create table check_in_lines (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        session_id integer not null references sessions(id) on delete cascade,
        participant_id integer references participants(id) on delete set null,
        text text not null,
        hidden integer not null default 0,
        created_at text not null,
        updated_at text not null,
        unique (session_id, participant_id))""")
    db.execute("create index check_in_lines_conference on check_in_lines (conference_id, session_id)")
