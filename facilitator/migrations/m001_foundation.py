"""The foundation: users, conferences, groups, participants, programme, tables."""

SCHEMA = """
create table settings (
    key text primary key,
    value text not null
);

create table users (
    id integer primary key,
    email text not null unique collate nocase,
    name text not null default '',
    password_hash text not null,
    is_admin integer not null default 0,
    created_at text not null
);

create table conferences (
    id integer primary key,
    title text not null,
    subtitle text not null default '',
    central_question text not null default '',
    language text not null default 'nl' check (language in ('nl', 'en')),
    mode text not null default 'room' check (mode in ('room', 'online', 'hybrid')),
    timeline_start_year integer not null,
    timeline_lenses text not null default '["personal", "local", "global"]',
    future_year integer not null,
    free_places integer not null default 0 check (free_places >= 0),
    organisers text not null default '[]',
    contact_email text not null default '',
    neighbourhoods text not null default '[]',
    themes text not null default '[]',
    join_code text not null unique,
    presenter_key text not null unique,
    status text not null default 'open' check (status in ('open', 'closed')),
    current_session_id integer,
    last_seq integer not null default 0,
    created_at text not null,
    updated_at text not null
);

create table conference_users (
    conference_id integer not null references conferences(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    role text not null check (role in ('organiser', 'facilitator')),
    primary key (conference_id, user_id)
);

create table stakeholder_groups (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    key text not null,
    name text not null,
    colour text not null,
    position integer not null default 0,
    unique (conference_id, key)
);

create table participants (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    name text not null,
    organisation text not null default '',
    email text not null default '',
    role text not null default '',
    stakeholder_group_id integer references stakeholder_groups(id) on delete set null,
    token text not null unique,
    joined_via text not null default 'invited' check (joined_via in ('invited', 'code')),
    hide_name integer not null default 0,
    last_seen_at text,
    created_at text not null
);
create index participants_conference on participants(conference_id);

create table materials (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    title text not null,
    url text not null,
    kind text not null default 'document',
    position integer not null default 0
);

create table days (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    date text not null,
    title text not null default '',
    position integer not null default 0
);

create table sessions (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    day_id integer not null references days(id) on delete cascade,
    start text not null,
    end text not null,
    title text not null,
    phase text not null,
    activity text not null,
    grouping text not null,
    prompt text not null default '',
    track text not null default '',
    tabling_id integer references tablings(id) on delete set null,
    position integer not null default 0
);
create index sessions_day on sessions(day_id);

-- A participant's choice of (or assignment to) one of several parallel sessions.
create table session_members (
    session_id integer not null references sessions(id) on delete cascade,
    participant_id integer not null references participants(id) on delete cascade,
    primary key (session_id, participant_id)
);

create table statements (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    text text not null,
    scale text not null default 'agree' check (scale in ('agree', 'scale5')),
    position integer not null default 0
);

-- A tabling is one arrangement of the room into mixed tables; tables re-mix per task.
create table tablings (
    id integer primary key,
    conference_id integer not null references conferences(id) on delete cascade,
    name text not null,
    table_size integer not null,
    seed integer not null,
    created_at text not null
);

create table tables (
    id integer primary key,
    tabling_id integer not null references tablings(id) on delete cascade,
    number integer not null,
    name text not null,
    unique (tabling_id, number)
);

create table table_members (
    table_id integer not null references tables(id) on delete cascade,
    participant_id integer not null references participants(id) on delete cascade,
    tabling_id integer not null references tablings(id) on delete cascade,
    primary key (tabling_id, participant_id)
);
"""


def up(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
