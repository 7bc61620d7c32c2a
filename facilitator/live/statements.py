"""Live events for statements ("stellingen"); the rules are in facilitator.domain.statements."""
from facilitator.domain import statements
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("statement.add", roles=STAFF)(statements.add)
mutation("statement.edit", roles=STAFF)(statements.edit)
mutation("statement.remove", roles=STAFF)(statements.remove)
mutation("statement.open", roles=STAFF)(statements.put_up)
mutation("statement.close", roles=STAFF)(statements.close)
mutation("statement.reveal", roles=STAFF)(statements.reveal)
mutation("statement.answer", roles=("participant",))(statements.answer)
snapshot_part("statements")(statements.state)
