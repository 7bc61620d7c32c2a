"""Live events for running the room."""
from facilitator.domain import room
from facilitator.domain.events import STAFF
from facilitator.live.pipeline import mutation, snapshot_part


mutation("room.message", roles=STAFF)(room.send_message)
mutation("room.goto", roles=STAFF)(room.goto)
mutation("room.input", roles=STAFF)(room.set_input)
mutation("room.timer", roles=STAFF)(room.timer)
snapshot_part("room")(room.state)
snapshot_part("programme")(room.programme_state)
snapshot_part("me")(room.me)
snapshot_part("conference")(room.conference_view)
