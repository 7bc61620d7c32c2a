"""The live room: per conference, input open or closed, the timer; per session, how notes behave;
sticky notes and the facilitators' named clusters."""

SCHEMA = [
    # One row per conference that has been run live (created on first use).
    """create table room_state (
        conference_id integer primary key references conferences(id) on delete cascade,
        input_open integer not null default 0,
        timer_duration integer not null default 0,   -- seconds the timer was set to (plus added time)
        timer_running integer not null default 0,
        timer_ends_at real,                          -- epoch seconds, while running
        timer_remaining integer not null default 0,  -- seconds left, while paused or stopped
        timer_close_input integer not null default 0,
        updated_at text not null
    )""",
    # How a session's notes behave; a missing row means the defaults (see domain.notes).
    """create table session_settings (
        session_id integer primary key references sessions(id) on delete cascade,
        anonymous integer not null default 1,
        show_others integer not null default 1
    )""",
    """create table note_clusters (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        session_id integer not null references sessions(id) on delete cascade,
        name text not null,
        position integer not null default 0,
        created_at text not null
    )""",
    """create table notes (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        session_id integer not null references sessions(id) on delete cascade,
        participant_id integer references participants(id) on delete set null,
        user_id integer references users(id) on delete set null,
        scope text not null default 'all',             -- the audience that sees it: all, table:<id>, group:<id>
        text text not null,
        colour text not null default '',
        cluster_id integer references note_clusters(id) on delete set null,
        merged_into integer references notes(id) on delete set null,
        position integer not null default 0,
        hidden integer not null default 0,
        deleted integer not null default 0,
        created_at text not null,
        updated_at text not null
    )""",
    "create index notes_session on notes(session_id, deleted)",
    "create index note_clusters_session on note_clusters(session_id)",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
