"""Live events for the trend response sheets of the stakeholder groups."""
from facilitator.domain import trend_responses
from facilitator.live.pipeline import mutation, snapshot_part

mutation("response.pick", roles=("participant",))(trend_responses.pick)
mutation("response.unpick", roles=("participant",))(trend_responses.unpick)
mutation("response.write", roles=("participant",))(trend_responses.write)
mutation("response.show", roles=("organiser", "facilitator"))(trend_responses.show)
snapshot_part("trend_responses")(trend_responses.state)
