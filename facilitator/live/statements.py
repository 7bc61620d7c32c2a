"""Live events for statements ("stellingen"); the rules are in facilitator.domain.statements."""
from facilitator.domain import statements
from facilitator.domain.events import last_seq
from facilitator.live.pipeline import mutation, query, snapshot_part

STAFF = ("organiser", "facilitator")


def register_part(name: str, state_fn) -> None:
    """``state_fn(db, actor)`` as snapshot part ``name`` and as the live query ``name``, which also
    gives the sequence number it is current to. The number is read first, so an event that slips in
    between is applied again on top of the part (the views apply events idempotently)."""
    snapshot_part(name)(state_fn)

    @query(name)
    def load(db, actor, _data):
        seq = last_seq(db, actor.conference_id)
        return {**state_fn(db, actor), "seq": seq}


register_part("statements", statements.state)

mutation("statement.add", roles=STAFF)(statements.add)
mutation("statement.edit", roles=STAFF)(statements.edit)
mutation("statement.remove", roles=STAFF)(statements.remove)
mutation("statement.open", roles=STAFF)(statements.put_up)
mutation("statement.close", roles=STAFF)(statements.close)
mutation("statement.reveal", roles=STAFF)(statements.reveal)
mutation("statement.answer", roles=("participant",))(statements.answer)
