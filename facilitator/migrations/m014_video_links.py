"""Online and hybrid conferences: each table may carry a video-call link.

``conferences.video_pattern`` is the organiser's pattern for every table ("https://meet.example.org/
helmond-table-{n}", with ``{n}`` or ``{table}`` where the table's number goes); ``tables.video_url``
is a link set for one table, which wins over the pattern. Empty means none.
"""


def up(db):
    db.execute("alter table conferences add column video_pattern text not null default ''")
    db.execute("alter table tables add column video_url text not null default ''")
