"""Mail (issue 16): the mail queue (and outbox), unsubscribes, registration for free places and
webinars, and the follow-up mails' settings (reminder cadence per goal, digests, summaries).

Every table declares its foreign keys, so the JSON backup carries it (except the queue itself, which
is this installation's delivery state: see facilitator/export/backup.py EXCLUDED).
"""

SCHEMA = [
    # One row per mail, made once and sent as stored (``raw`` is the whole RFC 5322 message with its
    # own Message-ID), so a retry sends the very same mail. States: queued (waits for next_attempt_at),
    # sending (claimed by a sender), sent, failed (refused for good, e.g. an unknown recipient: the
    # organiser may resend), outbox (no mail server set: written to exports/mail/<file>.eml),
    # cancelled (the person was erased or unsubscribed before it left).
    """create table mail_queue (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        participant_id integer references participants(id) on delete set null,
        registration_id integer references registrations(id) on delete set null,
        kind text not null,
        to_addr text not null,
        subject text not null,
        message_id text not null unique,
        raw text not null,
        state text not null default 'queued'
            check (state in ('queued', 'sending', 'sent', 'failed', 'outbox', 'cancelled')),
        attempts integer not null default 0,
        next_attempt_at real not null,
        claimed_at real,
        last_error text not null default '',
        outbox_file text not null default '',
        dedupe_key text unique,
        created_at text not null,
        sent_at text
    )""",
    "create index mail_queue_due on mail_queue(state, next_attempt_at)",
    "create index mail_queue_person on mail_queue(participant_id, kind)",
    # Addresses that asked for no more mail from this conference (takes effect at once).
    """create table mail_unsubscribes (
        conference_id integer not null references conferences(id) on delete cascade,
        email text not null,
        created_at text not null,
        primary key (conference_id, email)
    )""",
    # Per conference: whether the follow-up mails go out, and how often the digest and the summary.
    """create table mail_settings (
        conference_id integer primary key references conferences(id) on delete cascade,
        follow_up_mail integer not null default 0 check (follow_up_mail in (0, 1)),
        digest_days integer not null default 30,
        summary_days integer not null default 7
    )""",
    # How often a goal's leads are asked for an update (days); the organiser sets it per goal.
    """create table goal_cadence (
        goal_id integer primary key references goals(id) on delete cascade,
        cadence_days integer not null check (cadence_days between 1 and 366)
    )""",
    # The public registration page per conference: open or not, whether an organiser approves each
    # registration, and the sessions (webinars) people may choose. The places are the conference's free
    # places (conferences.free_places): a registration with a place is a participant who joined "by code".
    """create table registration_settings (
        conference_id integer primary key references conferences(id) on delete cascade,
        reg_key text not null unique,
        is_open integer not null default 0 check (is_open in (0, 1)),
        approval integer not null default 0 check (approval in (0, 1)),
        session_ids text not null default '[]'
    )""",
    # One registration per address per conference (a second one updates the first). States:
    # unconfirmed (the e-mail check link not yet followed), pending (waits for an organiser's yes),
    # waiting (on the waiting list), registered (has a place, and a participant row), declined,
    # cancelled. ``queued_at`` orders the waiting list. A second registration with the same address for a
    # confirmed one waits in ``pending`` (name, organisation, sessions) until the link sent to that
    # address (``pending_token``) is followed: nobody changes someone else's registration.
    """create table registrations (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        email text not null,
        name text not null,
        organisation text not null default '',
        session_ids text not null default '[]',
        state text not null check (state in ('unconfirmed', 'pending', 'waiting', 'registered', 'declined',
                                              'cancelled')),
        token text not null unique,
        participant_id integer references participants(id) on delete set null,
        created_at text not null,
        updated_at text not null,
        confirmed_at text,
        queued_at text,
        pending text,
        pending_token text unique,
        unique (conference_id, email)
    )""",
    "create index registrations_state on registrations(conference_id, state, queued_at)",
]


def up(db):
    for statement in SCHEMA:
        db.execute(statement)
