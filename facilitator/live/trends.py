"""Live events for the trend map: the facilitator builds it; participants propose when allowed."""
from facilitator.domain import trends
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("trend.add", roles=STAFF)(trends.add)
mutation("trend.edit", roles=STAFF)(trends.edit)
mutation("trend.move", roles=STAFF)(trends.move)
mutation("trend.remove", roles=STAFF)(trends.remove)
mutation("trend.merge", roles=STAFF)(trends.merge)
mutation("trend.topic", roles=STAFF)(trends.set_topic)
mutation("trend.proposals", roles=STAFF)(trends.set_proposals_open)
mutation("trend.propose", roles=("participant",))(trends.propose)
mutation("trend.place", roles=STAFF)(trends.place)
mutation("trend.merge_proposal", roles=STAFF)(trends.merge_proposal)
mutation("trend.dismiss", roles=STAFF)(trends.dismiss)
snapshot_part("trends")(trends.state)
