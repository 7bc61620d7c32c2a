"""Live events for running the room, and the participant's choice of parallel session."""
from facilitator.domain import programme, room
from facilitator.domain.activities import PARTICIPANT
from facilitator.domain.events import STAFF
from facilitator.live.activities import register_part
from facilitator.live.pipeline import mutation, snapshot_part


mutation("room.message", roles=STAFF)(room.send_message)
mutation("room.goto", roles=STAFF)(room.goto)
mutation("room.input", roles=STAFF)(room.set_input)
mutation("room.timer", roles=STAFF)(room.timer)
snapshot_part("room")(room.state)
snapshot_part("programme")(room.programme_state)
# A participant's own choice among parallel sessions (the programme is no activity, so it is here).
mutation("programme.choose", roles=PARTICIPANT)(programme.choose)
register_part("choices", programme.choices)
snapshot_part("me")(room.me)
snapshot_part("conference")(room.conference_view)
