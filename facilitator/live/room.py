"""Live events for running the room."""
from facilitator.domain import room
from facilitator.live.pipeline import mutation, snapshot_part

mutation("room.message", roles=("organiser", "facilitator"))(room.send_message)
snapshot_part("room")(room.state)
