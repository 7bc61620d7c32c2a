"""Live events for statements ("stellingen"); the rules are in facilitator.domain.statements."""
from facilitator.domain import statements
from facilitator.domain.events import last_seq
from facilitator.live.pipeline import mutation, query, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("statement.add", roles=STAFF)(statements.add)
mutation("statement.edit", roles=STAFF)(statements.edit)
mutation("statement.remove", roles=STAFF)(statements.remove)
mutation("statement.open", roles=STAFF)(statements.put_up)
mutation("statement.close", roles=STAFF)(statements.close)
mutation("statement.reveal", roles=STAFF)(statements.reveal)
mutation("statement.answer", roles=("participant",))(statements.answer)
snapshot_part("statements")(statements.state)


@query("statements")
def load(db, actor, _data):
    """The same as the snapshot part, with the sequence number it is current to (read first, so an
    event that slips in between is applied again on top: the views' updates are idempotent)."""
    seq = last_seq(db, actor.conference_id)
    return {**statements.state(db, actor), "seq": seq}
