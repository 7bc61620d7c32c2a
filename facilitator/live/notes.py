"""The `notes.list` query of sticky notes (their events are declared in the activity registry)."""
from facilitator.domain import notes
from facilitator.live.pipeline import query


@query("notes.list")
def list_notes(db, actor, data):
    """The notes and clusters of any session of the conference, as this actor may see them."""
    from facilitator.domain import programme, validate as v

    s = programme.get_session(db, actor.conference_id, v.integer(data.get("session_id"), "session_id", minimum=1))
    return notes.list_for(db, actor, s["id"])
