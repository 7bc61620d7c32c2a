"""The programme: days with dates, each with timed sessions; templates to start from."""
from __future__ import annotations

from datetime import date, timedelta

from facilitator.db import row, rows, transaction
from facilitator.domain import activities as activity_registry
from facilitator.domain import events
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, DomainError, NotFound, ValidationError
from facilitator.domain.events import Actor

# The vocabulary of a programme lives in the activity registry (domain/activities.py).
PHASES = tuple(activity_registry.PHASES)
ACTIVITIES = activity_registry.NAMES
GROUPINGS = tuple(activity_registry.GROUPINGS)

SESSION_FIELDS = ("start", "end", "title", "phase", "activity", "grouping", "prompt", "track")


def clean_session(data: dict, *, prefix: str = "") -> dict:
    out = {
        "start": v.time_of_day(data.get("start"), prefix + "start"),
        "end": v.time_of_day(data.get("end"), prefix + "end"),
        "title": v.text(data.get("title"), prefix + "title", max_len=200),
        "phase": v.choice(data.get("phase"), prefix + "phase", PHASES),
        "activity": v.choice(data.get("activity"), prefix + "activity", ACTIVITIES),
        "grouping": v.choice(data.get("grouping"), prefix + "grouping", GROUPINGS),
        "prompt": v.text(data.get("prompt"), prefix + "prompt", max_len=1000, required=False),
        "track": v.text(data.get("track"), prefix + "track", max_len=80, required=False),
    }
    activity = activity_registry.BY_NAME[out["activity"]]
    if out["grouping"] not in activity.groupings:
        raise ValidationError(prefix + "grouping", N_("%(activity)s takes place in: %(allowed)s."),
                              activity=(activity.label,),
                              allowed=tuple(activity_registry.GROUPINGS[g] for g in activity.groupings))
    if out["end"] <= out["start"]:
        raise ValidationError(prefix + "end", N_("%(name)s must be later than the start."), name=prefix + "end")
    return out


# --- days ------------------------------------------------------------------------

def days(db, conference_id: int) -> list[dict]:
    return rows(db, "select * from days where conference_id = ? order by date, position, id", [conference_id])


def add_day(db, conference_id: int, day_date: str, title: str = "") -> int:
    day_date = v.date(day_date, "date")
    title = v.text(title, "title", max_len=120, required=False)
    with transaction(db):
        position = row(db, "select count(*) n from days where conference_id = ?", [conference_id])["n"]
        return db["days"].insert(
            {"conference_id": conference_id, "date": day_date, "title": title, "position": position}
        ).last_pk


def get_day(db, conference_id: int, day_id: int) -> dict:
    d = row(db, "select * from days where id = ? and conference_id = ?", [day_id, conference_id])
    if not d:
        raise NotFound("day")
    return d


def update_day(db, conference_id: int, day_id: int, day_date: str, title: str = "") -> None:
    get_day(db, conference_id, day_id)
    values = {"date": v.date(day_date, "date"), "title": v.text(title, "title", max_len=120, required=False)}
    with transaction(db):
        db["days"].update(day_id, values)


def delete_day(db, conference_id: int, day_id: int) -> None:
    get_day(db, conference_id, day_id)
    with transaction(db):
        db.execute("update conferences set current_session_id = null where id = ? and current_session_id in "
                   "(select id from sessions where day_id = ?)", [conference_id, day_id])
        db.execute("delete from days where id = ?", [day_id])


# --- sessions -------------------------------------------------------------------

def sessions(db, conference_id: int) -> list[dict]:
    """All sessions in programme order, each with its day's date."""
    return rows(
        db,
        "select s.*, d.date as date from sessions s join days d on d.id = s.day_id "
        "where s.conference_id = ? order by d.date, d.position, s.start, s.position, s.id",
        [conference_id],
    )


def get_session(db, conference_id: int, session_id: int) -> dict:
    s = row(
        db,
        "select s.*, d.date as date from sessions s join days d on d.id = s.day_id "
        "where s.id = ? and s.conference_id = ?",
        [session_id, conference_id],
    )
    if not s:
        raise NotFound("session")
    return s


def add_session(db, conference_id: int, day_id: int, data: dict) -> int:
    get_day(db, conference_id, day_id)
    values = clean_session(data)
    with transaction(db):
        position = row(db, "select count(*) n from sessions where day_id = ?", [day_id])["n"]
        values.update(conference_id=conference_id, day_id=day_id, position=position)
        return db["sessions"].insert(values).last_pk


def update_session(db, conference_id: int, session_id: int, data: dict) -> None:
    get_session(db, conference_id, session_id)
    values = clean_session(data)
    if "day_id" in data:
        values["day_id"] = get_day(db, conference_id, v.integer(data["day_id"], "day_id"))["id"]
    if "tabling_id" in data:
        values["tabling_id"] = _tabling(db, conference_id, data["tabling_id"])
    with transaction(db):
        db["sessions"].update(session_id, values)


def _tabling(db, conference_id: int, value) -> int | None:
    """Which mix of tables a session uses (None: the latest mix)."""
    if value in (None, ""):
        return None
    tabling_id = v.integer(value, "tabling_id")
    if not row(db, "select 1 from tablings where id = ? and conference_id = ?", [tabling_id, conference_id]):
        raise NotFound("tables")
    return tabling_id


def delete_session(db, conference_id: int, session_id: int) -> None:
    get_session(db, conference_id, session_id)
    with transaction(db):
        db.execute("update conferences set current_session_id = null where id = ? and current_session_id = ?",
                   [conference_id, session_id])
        db.execute("delete from sessions where id = ?", [session_id])


def programme(db, conference_id: int) -> list[dict]:
    """Days, each with its sessions grouped into time slots; parallel sessions share a slot."""
    all_sessions = sessions(db, conference_id)
    out = []
    for d in days(db, conference_id):
        day_sessions = [s for s in all_sessions if s["day_id"] == d["id"]]
        out.append({**d, "sessions": day_sessions, "slots": slots(day_sessions)})
    return out


def slots(day_sessions: list[dict]) -> list[list[dict]]:
    """Group one day's sessions into slots of overlapping times (parallel sessions)."""
    result: list[list[dict]] = []
    slot_end = ""
    for s in sorted(day_sessions, key=lambda s: (s["start"], s["position"], s["id"])):
        if result and s["start"] < slot_end:
            result[-1].append(s)
            slot_end = max(slot_end, s["end"])
        else:
            result.append([s])
            slot_end = s["end"]
    return result


def parallel_to(db, conference_id: int, session_id: int) -> list[dict]:
    """The sessions that run at the same time as this one (itself included)."""
    s = get_session(db, conference_id, session_id)
    for slot in slots([x for x in sessions(db, conference_id) if x["day_id"] == s["day_id"]]):
        if any(x["id"] == session_id for x in slot):
            return slot
    return [s]


def choose_session(db, conference_id: int, participant_id: int, session_id: int) -> list[dict]:
    """A participant takes part in one of several parallel sessions (their earlier choice in the same
    slot goes). Returns the slot. Refused, changing nothing: a session not in this conference
    (``not_found``), one that runs alone (``not_parallel``)."""
    slot = parallel_to(db, conference_id, session_id)
    if len(slot) < 2:
        raise DomainError("not_parallel", N_("This session does not run in parallel with another."), field="session_id")
    with transaction(db):
        db.execute(
            f"delete from session_members where participant_id = ? and session_id in ({','.join('?' * len(slot))})",
            [participant_id] + [x["id"] for x in slot],
        )
        db.execute("insert into session_members (session_id, participant_id) values (?, ?)", [session_id, participant_id])
    return slot


def chosen(db, participant_id: int) -> list[int]:
    """The sessions a participant takes part in (chosen, assigned or registered for)."""
    return [r["session_id"] for r in rows(db, "select session_id from session_members where participant_id = ? "
                                              "order by session_id", [participant_id])]


# --- live: the participant's choice, through the pipeline (live/room.py registers them) ----------

def choose(db, actor: Actor, data: dict):
    """The live event ``programme.choose`` ``{session_id}``: I take part in this parallel session.

    One event, ``programme.chosen`` ``{session_id, slot, participant_id}``, to this participant only
    (and the facilitators): which session someone takes part in is nobody else's business."""
    actor.require_participant()
    session_id = v.integer(data.get("session_id"), "session_id", minimum=1)
    slot = choose_session(db, actor.conference_id, actor.participant_id, session_id)
    out = {"session_id": session_id, "slot": [s["id"] for s in slot], "participant_id": actor.participant_id}
    event = events.append(db, actor.conference_id, "programme.chosen", out,
                          audience=f"participant:{actor.participant_id}", actor=actor)
    return out, [event]


def choices(db, actor: Actor) -> dict:
    """Snapshot part (and live query) ``choices``: a participant's own sessions, ``{chosen: [id]}``;
    nobody else's (staff and projectors get ``{}``)."""
    if actor.role != "participant":
        return {}
    return {"chosen": chosen(db, actor.participant_id)}


def assign_parallel(db, conference_id: int, session_id: int, participant_ids: list[int]) -> dict[int, list[int]]:
    """Spread everyone who has not chosen evenly over the parallel sessions of this slot."""
    slot = parallel_to(db, conference_id, session_id)
    ids = [x["id"] for x in slot]
    placeholders = ",".join("?" * len(ids))
    counts = {i: 0 for i in ids}
    chosen = {}
    for r in rows(db, f"select session_id, participant_id from session_members where session_id in ({placeholders})", ids):
        counts[r["session_id"]] += 1
        chosen[r["participant_id"]] = r["session_id"]
    with transaction(db):
        for pid in participant_ids:
            if pid in chosen:
                continue
            target = min(ids, key=lambda i: (counts[i], ids.index(i)))
            db.execute("insert into session_members (session_id, participant_id) values (?, ?)", [target, pid])
            counts[target] += 1
    result = {i: [] for i in ids}
    for r in rows(db, f"select session_id, participant_id from session_members where session_id in ({placeholders})", ids):
        result[r["session_id"]].append(r["participant_id"])
    return result


def session_members(db, session_id: int) -> list[int]:
    return [r["participant_id"] for r in rows(db, "select participant_id from session_members where session_id = ?", [session_id])]


# --- templates -----------------------------------------------------------------

def _s(start, end, title, phase, activity, grouping, prompt=""):
    return {"start": start, "end": end, "title": title, "phase": phase, "activity": activity,
            "grouping": grouping, "prompt": prompt}


TEMPLATES = {
    "future_search": {
        "name": N_("Classic Future Search (three days)"),
        "days": [
            [
                _s("13:00", "13:30", N_("Welcome, task and ground rules"), "opening", "plenary", "whole"),
                _s("13:30", "14:15", N_("Timelines: personal, local, global"), "past", "timeline", "individual",
                   N_("Put events from your own life, from here and from the world on the timelines.")),
                _s("14:15", "15:15", N_("What do the timelines tell us?"), "past", "timeline_review", "mixed",
                   N_("What story do you see in your timeline, and what does it mean for our task?")),
                _s("15:15", "15:30", N_("Break"), "break", "break", "whole"),
                _s("15:30", "16:45", N_("The trends that shape our future"), "present", "trend_map", "whole",
                   N_("Which trends affect our task now?")),
                _s("16:45", "17:15", N_("Dot vote: which trends matter most?"), "present", "dot_vote", "stakeholder"),
            ],
            [
                _s("09:00", "10:15", N_("What we do about the trends now, and what we want to do"), "present",
                   "trend_response", "stakeholder"),
                _s("10:15", "11:30", N_("Prouds and sorries"), "present", "prouds_sorries", "stakeholder",
                   N_("What are we proud of, and what are we sorry about?")),
                _s("11:30", "12:30", N_("Ideal future scenarios"), "desired_future", "scenario", "mixed",
                   N_("It is the future year. Describe what you see as if it already happened.")),
                _s("13:30", "15:00", N_("Presenting the scenarios"), "desired_future", "plenary", "whole"),
                _s("15:00", "16:30", N_("Common ground: what do we all want?"), "shared_interest", "common_ground", "mixed"),
            ],
            [
                _s("09:00", "10:30", N_("Confirming the common ground"), "shared_interest", "common_ground_confirm", "whole",
                   N_("Can everyone support this statement without reservation?")),
                _s("10:45", "12:15", N_("Action planning: who picks up the gauntlet?"), "actions", "action_planning",
                   "self_selected"),
                _s("12:15", "12:45", N_("Commitments and closing"), "actions", "commitments", "whole"),
            ],
        ],
    },
    "design_card": {
        "name": N_("Past, present, shared interest, desired future, actions (one day)"),
        "days": [
            [
                _s("09:00", "09:20", N_("Welcome"), "opening", "plenary", "whole"),
                _s("09:20", "10:20", N_("Timelines"), "past", "timeline", "individual"),
                _s("10:20", "11:30", N_("Trend map and dot vote"), "present", "trend_map", "whole"),
                _s("11:30", "12:30", N_("Prouds and sorries"), "present", "prouds_sorries", "stakeholder"),
                _s("13:15", "14:15", N_("Common ground"), "shared_interest", "common_ground", "mixed"),
                _s("14:15", "15:15", N_("Our desired future"), "desired_future", "scenario", "mixed"),
                _s("15:30", "16:45", N_("Actions"), "actions", "action_planning", "self_selected"),
                _s("16:45", "17:00", N_("Commitments"), "actions", "commitments", "whole"),
            ]
        ],
    },
    "inspiration": {
        "name": N_("Inspiration session with statements (90 minutes, at most 20 people)"),
        "free_places": 20,
        "days": [
            [
                _s("19:30", "19:45", N_("Welcome and introductions"), "opening", "plenary", "whole"),
                _s("19:45", "20:35", N_("Statements"), "shared_interest", "statements", "whole",
                   N_("Do you agree? Tell us why.")),
                _s("20:35", "21:00", N_("What did we learn?"), "closing", "notes", "whole",
                   N_("What surprised you today?")),
            ]
        ],
    },
    "transition_cafe": {
        "name": N_("Transition café (2.5 hours)"),
        "days": [
            [
                _s("14:00", "14:20", N_("Where we stand"), "follow_up", "plenary", "whole"),
                _s("14:20", "15:30", N_("Join a goal and plan actions"), "actions", "transition_cafe", "self_selected"),
                _s("15:30", "16:15", N_("Progress per goal"), "follow_up", "review", "whole"),
                _s("16:15", "16:30", N_("Commitments: who picks up the gauntlet?"), "actions", "commitments", "whole"),
            ]
        ],
    },
}


def apply_template(db, conference_id: int, template_key: str, start_date: str, gettext=str) -> list[int]:
    """Add the template's days, from start_date on, to the conference's programme.

    The sessions' titles and prompts are messages: ``gettext`` (the conference's language, see
    :func:`facilitator.i18n.in_language`) puts them in its words; they stay editable afterwards."""
    if template_key not in TEMPLATES:
        raise ValidationError("template", N_("Unknown programme template."))
    first = date.fromisoformat(v.date(start_date, "start_date"))
    day_ids = []
    with transaction(db):
        for offset, day_sessions in enumerate(TEMPLATES[template_key]["days"]):
            day_id = add_day(db, conference_id, (first + timedelta(days=offset)).isoformat())
            for s in day_sessions:
                add_session(db, conference_id, day_id, {**s, "title": gettext(s["title"]),
                                                        "prompt": gettext(s["prompt"]) if s["prompt"] else ""})
            day_ids.append(day_id)
    return day_ids
