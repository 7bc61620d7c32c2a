"""A room in full swing for the cockpit's tests and screenshots: the sample conference (Helmond 2021,
in Dutch) with a sticky-notes session full of notes, a timeline wall with long Dutch place names,
and a trend map. Everything goes through the domain, as the room would."""
from __future__ import annotations

from facilitator.db import row, rows
from facilitator.domain import participants, programme, timelines, trends
from facilitator.domain import notes as notes_domain
from facilitator.domain.events import Actor
from tests.room_helpers import goto  # noqa: F401 (the tests and the screenshots take it from here)
from tests.shared_future_helpers import run as do

NOTES_TITLE = "Wat hoop je voor Helmond?"
NOTES = [
    "Meer groen tussen de huizen in Helmond-Noord", "Een buurthuis dat ook 's avonds open is",
    "Betaalbare woningen voor jongeren", "Minder eenzaamheid bij ouderen in Brandevoort",
    "Samen koken met de buren", "Een loket voor alle hulp", "Veilig fietsen naar school",
    "Werk voor iedereen die kan werken", "Taalles dicht bij huis", "Meer speelplekken in de wijk",
    "Schulden eerder zien aankomen", "Vrijwilligers beter ondersteunen",
]
# (lens, year, text): long place names, the kind that broke mid-word ("Hoensbr oek")
ENTRIES = [
    (0, 1992, "Geboren in Hoensbroek"), (0, 2001, "Eerste baan bij de bakkerij in Stiphout"), (0, 2009, "Ontslagen in de crisis"),
    (0, 2015, "Vrijwilliger bij de voedselbank"), (0, 2020, "Een jaar thuisgewerkt"), (0, 1998, "Verhuisd naar Mierlo-Hout"),
    (1, 1996, "Textielfabriek Vlisco krimpt"), (1, 2004, "Nieuw centrum in Brandevoort"), (1, 2011, "Brainport groeit"),
    (1, 2013, "Voedselbank Helmond begint"), (1, 2018, "Automotive Campus groeit"), (1, 2021, "Toekomstconferentie Ruimte om te leven"),
    (1, 2006, "Dierdonk krijgt een wijkcentrum"), (2, 1991, "Einde van de Koude Oorlog"), (2, 2002, "De euro"),
    (2, 2008, "Kredietcrisis"), (2, 2015, "Vluchtelingen naar Europa"), (2, 2007, "De smartphone"), (2, 2020, "Coronapandemie"),
]
MAP = {
    "Groeiende ongelijkheid": {"Schulden bij jongeren": ["Nu kopen, later betalen"], "Gezondheidsverschillen tussen wijken": []},
    "Eenzaamheid": {"Ouderen wonen vaker alleen": ["Bibliotheek dicht om vijf uur"], "Minder mensen bij een vereniging": []},
    "Digitale samenleving": {"Diensten alleen nog online": ["De app van de Belastingdienst"], "Digitale vaardigheden": []},
    "Arbeidsmarkt": {"Vacatures blijven open": [], "Flexibele contracten": ["Nulurencontracten"]},
    "Woningnood": {"Huren stijgen": [], "Starters vinden geen huis": []},
}
STAFF = lambda cid: Actor("organiser", cid, user_id=1)  # noqa: E731


def as_participant(p) -> Actor:
    return Actor("participant", p["conference_id"], participant_id=p["id"], group_id=p["stakeholder_group_id"])


def add_notes_session(db, cid: int) -> int:
    """A whole-room sticky-notes session on the first day; returns its id."""
    day = programme.days(db, cid)[0]["id"]
    return programme.add_session(db, cid, day, {"start": "09:50", "end": "10:00", "title": NOTES_TITLE, "phase": "opening",
                                                "activity": "notes", "grouping": "whole", "prompt": "Wat hoop je voor Helmond in 2030?"})


def session_of(db, cid: int, activity: str) -> dict:
    return row(db, "select * from sessions where conference_id = ? and activity = ? order by id", [cid, activity])


def fill_room(db, cid: int) -> dict:
    """Notes, timeline entries and a trend map; the room ends on the notes session. Returns their sessions."""
    people = participants.list_for(db, cid)
    notes_id = add_notes_session(db, cid)
    goto(db, cid, notes_id)
    for i, text in enumerate(NOTES):
        do(db, notes_domain.post, as_participant(people[i * 5 % len(people)]), {"text": text})
    for i, (lens, year, text) in enumerate(ENTRIES):
        do(db, timelines.add_entry, as_participant(people[i * 3 % len(people)]), {"lens": lens, "year": year, "text": text})
    staff = STAFF(cid)
    for branch, subs in MAP.items():
        b = do(db, trends.add, staff, {"text": branch})[0]["id"]
        for sub, examples in subs.items():
            s = do(db, trends.add, staff, {"text": sub, "parent_id": b})[0]["id"]
            for ex in examples:
                do(db, trends.add, staff, {"text": ex, "parent_id": s, "kind": "example"})
    return {"notes": notes_id, "timeline": session_of(db, cid, "timeline")["id"], "trend_map": session_of(db, cid, "trend_map")["id"]}


def conference_id(db) -> int:
    return rows(db, "select id from conferences order by id")[0]["id"]


def catalogue(po_path) -> dict[str, str]:
    """English message -> Dutch, for every message of the catalogue (both forms of a plural)."""
    from babel.messages.pofile import read_po

    with open(po_path, "rb") as f:
        cat = read_po(f)
    out = {}
    for m in cat:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, (list, tuple)) else (m.id,)
        strs = m.string if isinstance(m.string, (list, tuple)) else (m.string,)
        for k, mid in enumerate(ids):
            out[mid] = strs[min(k, len(strs) - 1)] if strs else ""
    return out
