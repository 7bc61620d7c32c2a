"""The personal-data page says in words what is kept, in the conference's language (issue 13)."""
import re
from datetime import date

from babel.dates import format_date

from facilitator.domain import common_ground as cg
from facilitator.domain import activities, privacy
from facilitator.web import kept
from tests.shared_future_helpers import person, run, seat


def test_the_page_counts_what_is_kept_in_words_never_table_names(client, db, sample_id):
    seated = seat(db, sample_id)
    me = person(db, seated[sorted(seated)[0]][0])
    for text in ("Buddies", "A bench", "More green"):
        run(db, cg.add_candidate, me, {"list": "future", "text": text})
    token = db.execute("select token from participants where id = ?", [me.participant_id]).fetchone()[0]
    page = client.get(f"/p/{token}/my-data?lang=nl").get_data(as_text=True)
    assert "3 ideeën voor gemeenschappelijke grond" in page and "1 plek aan een tafel" in page
    assert "common_ground_candidates" not in page and "table_members" not in page and "<code>" not in page
    # the day they joined, as Dutch readers write a date
    assert format_date(date.today(), "d MMMM yyyy", locale="nl") in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}</dd>", page)


def test_every_table_that_holds_a_persons_data_has_words(db):
    tables = {table for table, _column in privacy._refs_to_participants(db)}
    named = {t for t in tables if activities.owner_of_table(t)}  # named after their activity
    assert tables - set(kept.WORDS) - named == set(), \
        "give the new table its words in facilitator/web/kept.py, or name it in its activity's registry entry (tables)"
