"""Actions: goals, self-selected action groups with leads, actions, public commitments.

Goals may come from a confirmed common-ground statement (issue 5, m005: common_ground_statements):
``source_kind`` says where a goal came from and ``common_ground_id`` keeps the link (set to null if
the statement is ever removed); domain.plan.trace follows it back to the theme and the candidates.

Prepared for follow-up work (issue 8): ``actions.status`` already holds the action's state
(planned, under way, done, stalled, stopped); progress updates and proposals add their own tables.
Commitments point at their author by ``participant_id`` and keep a copy of the organisation, so the
author stays known after the participant's name and e-mail are blanked (anonymisation).
"""

SCHEMA = [
    """create table goals (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        title text not null,
        description text not null default '',
        themes text not null default '[]',
        neighbourhoods text not null default '[]',
        source_kind text not null default 'scratch' check (source_kind in ('scratch', 'common_ground')),
        common_ground_id integer references common_ground_statements(id) on delete set null,
        position integer not null default 0,
        created_at text not null,
        updated_at text not null
    )""",
    "create index goals_conference on goals(conference_id, position)",
    # Who works on a goal (the self-selected action group); a lead is a member with is_lead = 1.
    """create table goal_members (
        goal_id integer not null references goals(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        is_lead integer not null default 0 check (is_lead in (0, 1)),
        joined_at text not null,
        primary key (goal_id, participant_id)
    ) without rowid""",
    "create index goal_members_participant on goal_members(participant_id)",
    # The facilitator's switches for choosing an action group, one row per conference.
    """create table action_choice (
        conference_id integer primary key references conferences(id) on delete cascade,
        is_open integer not null default 1 check (is_open in (0, 1)),
        allow_multiple integer not null default 0 check (allow_multiple in (0, 1))
    )""",
    """create table actions (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        goal_id integer not null references goals(id) on delete cascade,
        what text not null,
        how text not null default '',
        when_date text,
        horizon text check (horizon in ('short', 'long')),
        neighbourhoods text not null default '[]',
        status text not null default 'planned'
            check (status in ('planned', 'under_way', 'done', 'stalled', 'stopped')),
        position integer not null default 0,
        created_by integer references participants(id) on delete set null,
        created_at text not null,
        updated_at text not null
    )""",
    "create index actions_goal on actions(goal_id, position)",
    # Who does an action: a participant or an organisation (by name), as its lead or a member.
    """create table action_people (
        id integer primary key,
        action_id integer not null references actions(id) on delete cascade,
        participant_id integer references participants(id) on delete cascade,
        organisation text not null default '',
        role text not null default 'member' check (role in ('lead', 'member')),
        position integer not null default 0,
        check ((participant_id is null) <> (organisation = ''))
    )""",
    "create index action_people_action on action_people(action_id)",
    """create table commitments (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        on_behalf text not null default 'self' check (on_behalf in ('self', 'organisation')),
        organisation text not null default '',
        text text not null,
        by_when text not null default '',
        goal_id integer references goals(id) on delete set null,
        action_id integer references actions(id) on delete set null,
        withdrawn_at text,
        created_at text not null
    )""",
    "create index commitments_conference on commitments(conference_id, id)",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
