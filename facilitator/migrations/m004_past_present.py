"""Past and present: timelines and their review per table, the trend map with proposals, dot votes,
trend responses and prouds and sorries per stakeholder group, and what the projector shows."""

SCHEMA = [
    # An entry on one of the conference's three timelines (lens 0, 1 or 2), placed in a decade.
    """create table timeline_entries (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        lens integer not null check (lens between 0 and 2),
        decade integer not null,
        year integer,
        text text not null,
        participant_id integer references participants(id) on delete set null,
        created_at text not null,
        updated_at text not null
    )""",
    "create index timeline_entries_conference on timeline_entries(conference_id, lens, decade)",
    # A mixed table's reading of one timeline: its story and what it means for the task.
    """create table timeline_reviews (
        table_id integer primary key references tables(id) on delete cascade,
        conference_id integer not null references conferences(id) on delete cascade,
        lens integer not null check (lens between 0 and 2),
        story text not null default '',
        implications text not null default '',
        version integer not null default 0,
        updated_at text not null
    )""",
    """create table trend_maps (
        conference_id integer primary key references conferences(id) on delete cascade,
        topic text not null default '',
        proposals_open integer not null default 0
    )""",
    # The mind map: trends under the central topic (parent null = a main branch), sub-trends, examples.
    """create table trends (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        parent_id integer references trends(id) on delete cascade,
        kind text not null default 'trend' check (kind in ('trend', 'example')),
        text text not null,
        position integer not null default 0,
        created_at text not null
    )""",
    "create index trends_conference on trends(conference_id)",
    """create table trend_proposals (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        participant_id integer references participants(id) on delete set null,
        text text not null,
        status text not null default 'pending' check (status in ('pending', 'placed', 'merged', 'dismissed')),
        trend_id integer references trends(id) on delete set null,
        created_at text not null
    )""",
    # One dot vote per dot_vote session of the programme.
    """create table dot_votes (
        session_id integer primary key references sessions(id) on delete cascade,
        conference_id integer not null references conferences(id) on delete cascade,
        dots integer not null default 5 check (dots between 1 and 50),
        reveal text not null default 'live' check (reveal in ('live', 'close')),
        status text not null default 'open' check (status in ('open', 'closed'))
    )""",
    """create table dots (
        session_id integer not null references dot_votes(session_id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        trend_id integer not null references trends(id) on delete cascade,
        count integer not null check (count > 0),
        primary key (session_id, participant_id, trend_id)
    )""",
    # A stakeholder group's response sheet: one row per key trend.
    """create table trend_responses (
        group_id integer not null references stakeholder_groups(id) on delete cascade,
        trend_id integer not null references trends(id) on delete cascade,
        now_text text not null default '',
        want_text text not null default '',
        position integer not null default 0,
        updated_at text not null,
        primary key (group_id, trend_id)
    )""",
    """create table prouds (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        group_id integer not null references stakeholder_groups(id) on delete cascade,
        kind text not null check (kind in ('proud', 'sorry')),
        text text not null,
        participant_id integer references participants(id) on delete set null,
        created_at text not null,
        updated_at text not null
    )""",
    "create index prouds_group on prouds(group_id)",
    # What the projector shows in an activity that reports one table or group at a time.
    """create table projector_focus (
        conference_id integer not null references conferences(id) on delete cascade,
        what text not null,
        value integer,
        primary key (conference_id, what)
    )""",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
