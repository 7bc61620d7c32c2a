"""After the conference: progress updates, newcomers' proposals, the café and the shared plan, consent
and erasure.

Every table declares its foreign keys (to ``conferences`` or to a row that belongs to one), so the
generic JSON backup (facilitator/export/backup.py) carries them without change.
"""

SCHEMA = [
    # Progress: one row per update a lead (or staff) posts for an action; the four review questions.
    # ``status`` is the action's status the update set (or kept). Authors by id only (no names).
    """create table action_updates (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        action_id integer not null references actions(id) on delete cascade,
        goal_id integer not null references goals(id) on delete cascade,
        participant_id integer references participants(id) on delete set null,
        user_id integer references users(id) on delete set null,
        status text not null check (status in ('planned', 'under_way', 'done', 'stalled', 'stopped')),
        previous_status text not null default 'planned',
        said text not null default '',
        done text not null default '',
        next text not null default '',
        help text not null default '',
        created_at text not null
    )""",
    "create index action_updates_action on action_updates(action_id, id)",
    "create index action_updates_goal on action_updates(goal_id, id)",
    # A newcomer's (or anyone's) proposed action: not part of the plan until a lead of the goal accepts
    # it (then ``action_id`` is the action made from it). Declined proposals keep the reason.
    """create table action_proposals (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        goal_id integer not null references goals(id) on delete cascade,
        participant_id integer not null references participants(id) on delete cascade,
        what text not null,
        how text not null default '',
        state text not null default 'proposed' check (state in ('proposed', 'accepted', 'declined')),
        reason text not null default '',
        decided_by integer references participants(id) on delete set null,
        decided_at text,
        action_id integer references actions(id) on delete set null,
        created_at text not null
    )""",
    "create index action_proposals_goal on action_proposals(goal_id, state)",
    # Per conference: the café link (open or not), the read-only plan link (shared or not) and which
    # action group the projector shows in a review meeting.
    """create table follow_up_settings (
        conference_id integer primary key references conferences(id) on delete cascade,
        cafe_key text not null unique,
        cafe_open integer not null default 0 check (cafe_open in (0, 1)),
        plan_key text not null unique,
        plan_public integer not null default 0 check (plan_public in (0, 1)),
        review_goal_id integer references goals(id) on delete set null
    )""",
    # Who came in through the café (newcomers), for the organiser's overview.
    """create table cafe_newcomers (
        participant_id integer primary key references participants(id) on delete cascade,
        conference_id integer not null references conferences(id) on delete cascade,
        joined_at text not null
    )""",
    # Consent to show one's name on the shared plan page (default: no).
    """create table participant_consent (
        participant_id integer primary key references participants(id) on delete cascade,
        public_name integer not null default 0 check (public_name in (0, 1)),
        updated_at text not null
    )""",
    # Which progress update a member has seen last (for "new" on their page).
    """create table update_reads (
        participant_id integer primary key references participants(id) on delete cascade,
        last_update_id integer not null default 0
    )""",
    # That a person was erased, when and by whom (self or organiser). Never the name.
    """create table erasures (
        participant_id integer primary key references participants(id) on delete cascade,
        conference_id integer not null references conferences(id) on delete cascade,
        by_role text not null check (by_role in ('self', 'organiser')),
        erased_at text not null
    )""",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
