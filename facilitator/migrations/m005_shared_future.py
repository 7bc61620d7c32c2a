"""Shared interest and the desired future: statement answers, common ground, scenario boards.

docs/activities-shared-future.md describes every table and column.
"""

SCHEMA = [
    # Statements come from the definition (m001); here they get a life cycle.
    "alter table statements add column state text not null default 'draft' "
    "check (state in ('draft', 'open', 'closed'))",
    "alter table statements add column results text not null default 'live' check (results in ('live', 'reveal'))",
    "alter table statements add column revealed integer not null default 0",
    "alter table statements add column anonymous integer not null default 1",
    "alter table statements add column opened_at text",
    "alter table statements add column closed_at text",
    # One answer per person per statement; replaced while the statement is open.
    """create table statement_answers (
        statement_id integer not null references statements(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        answer text not null check (answer in ('agree', 'disagree', 'pass', '1', '2', '3', '4', '5')),
        reason text not null default '',
        updated_at text not null,
        primary key (statement_id, participant_id)
    )""",
    # Themes: the facilitator's clusters of candidates; confirmed in the whole room one at a time.
    """create table common_ground_themes (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        name text not null,
        state text not null default 'draft' check (state in ('draft', 'up', 'confirmed', 'not_agreed')),
        position integer not null default 0,
        put_up_at text,
        decided_at text,
        created_at text not null
    )""",
    "create index common_ground_themes_conference on common_ground_themes(conference_id)",
    # Candidates: what one mixed table lists (or what is proposed from a trend response or scenario).
    """create table common_ground_candidates (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        table_id integer references tables(id) on delete set null,
        list text not null check (list in ('future', 'project', 'difference')),
        text text not null,
        theme_id integer references common_ground_themes(id) on delete set null,
        source_kind text not null default 'table' check (source_kind in ('table', 'trend_response', 'scenario')),
        source_id integer,
        source_group_id integer references stakeholder_groups(id) on delete set null,
        source_label text not null default '',
        participant_id integer references participants(id) on delete set null,
        created_at text not null,
        updated_at text not null
    )""",
    "create index common_ground_candidates_conference on common_ground_candidates(conference_id)",
    "create index common_ground_candidates_theme on common_ground_candidates(theme_id)",
    # Support or objection, one per person per theme; kept when the theme is decided.
    """create table common_ground_responses (
        theme_id integer not null references common_ground_themes(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        support integer not null check (support in (0, 1)),
        reason text not null default '',
        updated_at text not null,
        primary key (theme_id, participant_id)
    )""",
    # What the room confirmed: one statement per confirmed theme, wording editable.
    """create table common_ground_statements (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        theme_id integer not null unique references common_ground_themes(id) on delete cascade,
        text text not null,
        created_at text not null,
        updated_at text not null
    )""",
    "create index common_ground_statements_conference on common_ground_statements(conference_id)",
    # A scenario board per mixed table.
    """create table scenarios (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        table_id integer not null unique references tables(id) on delete cascade,
        title text not null default '',
        story text not null default '',
        barriers text not null default '',
        updated_at text not null
    )""",
    """create table scenario_features (
        id integer primary key,
        scenario_id integer not null references scenarios(id) on delete cascade,
        text text not null,
        position integer not null default 0,
        created_at text not null
    )""",
    "create index scenario_features_scenario on scenario_features(scenario_id)",
    # "This resonates with me": one per person per scenario.
    """create table scenario_reactions (
        scenario_id integer not null references scenarios(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        created_at text not null,
        primary key (scenario_id, participant_id)
    )""",
    # Whether the boards are shown to the room yet, and which one is on the projector.
    """create table scenario_presentations (
        conference_id integer primary key references conferences(id) on delete cascade,
        open integer not null default 0,
        current_table_id integer references tables(id) on delete set null,
        opened_at text
    )""",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
