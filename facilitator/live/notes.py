"""Live events for sticky notes and clusters."""
from facilitator.domain import notes
from facilitator.live.pipeline import mutation, query, snapshot_part

STAFF = ("organiser", "facilitator")
POSTERS = ("participant", *STAFF)

mutation("note.post", roles=POSTERS)(notes.post)
mutation("note.edit", roles=POSTERS)(notes.edit)
mutation("note.delete", roles=POSTERS)(notes.delete)
mutation("note.hide", roles=STAFF)(notes.hide)
mutation("note.move", roles=STAFF)(notes.move)
mutation("note.merge", roles=STAFF)(notes.merge)
mutation("cluster.add", roles=STAFF)(notes.add_cluster)
mutation("cluster.rename", roles=STAFF)(notes.rename_cluster)
mutation("cluster.delete", roles=STAFF)(notes.delete_cluster)
mutation("session.settings", roles=STAFF)(notes.configure_session)
snapshot_part("notes")(notes.current)


@query("notes.list")
def list_notes(db, actor, data):
    """The notes and clusters of any session of the conference, as this actor may see them."""
    from facilitator.domain import programme, validate as v

    s = programme.get_session(db, actor.conference_id, v.integer(data.get("session_id"), "session_id", minimum=1))
    return notes.list_for(db, actor, s["id"])
