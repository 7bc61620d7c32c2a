"""Live events for the dot vote on trends."""
from facilitator.domain import dotvotes
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("vote.add", roles=("participant",))(dotvotes.add_dot)
mutation("vote.remove", roles=("participant",))(dotvotes.remove_dot)
mutation("vote.configure", roles=STAFF)(dotvotes.configure)
mutation("vote.status", roles=STAFF)(dotvotes.set_status)
snapshot_part("dot_votes")(dotvotes.state)
