"""Live events for proposed actions (anyone proposes; the goal's leads accept or decline); the
`proposals` snapshot part."""
from facilitator.domain import proposals
from facilitator.live.pipeline import mutation, snapshot_part

mutation("proposal.make", roles=("participant",))(proposals.propose)
mutation("proposal.accept", roles=("participant", "organiser", "facilitator"))(proposals.accept)
mutation("proposal.decline", roles=("participant", "organiser", "facilitator"))(proposals.decline)
snapshot_part("proposals")(proposals.state)
