"""Live events for the trend response sheets of the stakeholder groups.

Participants write only while input is open (the facilitator opens and closes it)."""
from facilitator.domain import trend_responses
from facilitator.domain.focus import while_input_open
from facilitator.live.pipeline import mutation, snapshot_part

mutation("response.pick", roles=("participant",))(while_input_open(trend_responses.pick))
mutation("response.unpick", roles=("participant",))(while_input_open(trend_responses.unpick))
mutation("response.write", roles=("participant",))(while_input_open(trend_responses.write))
mutation("response.show", roles=("organiser", "facilitator"))(trend_responses.show)
snapshot_part("trend_responses")(trend_responses.state)
