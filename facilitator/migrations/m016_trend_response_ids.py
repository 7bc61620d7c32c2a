"""Trend responses get an id of their own, so that each of their texts can be a shared text.

A trend response is one row per stakeholder group and key trend (``primary key (group_id,
trend_id)`` until now). Its two texts (``now_text``, ``want_text``) become CRDT documents
(docs/collaborative-texts.md) named ``trend_response:<id>:now``: the document's ``ref_id`` must be
one row's id, so that a backup restored elsewhere remaps it with the row (the generic backup remaps
a table's ``id``, not a pair of columns). The pair stays unique. Taking a trend off the sheet and
picking it again makes a new row and so a new, empty text, as the sheet promised ("What you wrote
about it goes too"); merging two trends moves the row, and its text along with it.

Nothing references ``trend_responses``, so the table is rebuilt in place (new table, rows copied
in their order, old table dropped, new one renamed).
"""


def up(db):
    db.execute("""create table trend_responses_new (
        id integer primary key,
        group_id integer not null references stakeholder_groups(id) on delete cascade,
        trend_id integer not null references trends(id) on delete cascade,
        now_text text not null default '',
        want_text text not null default '',
        position integer not null default 0,
        updated_at text not null,
        unique (group_id, trend_id)
    )""")
    db.execute("insert into trend_responses_new (group_id, trend_id, now_text, want_text, position, updated_at) "
               "select group_id, trend_id, now_text, want_text, position, updated_at from trend_responses "
               "order by group_id, position, trend_id")
    db.execute("drop table trend_responses")
    db.execute("alter table trend_responses_new rename to trend_responses")
