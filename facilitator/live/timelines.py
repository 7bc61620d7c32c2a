"""Live events for the timelines and their review per mixed table.

Participants write only while input is open (the facilitator opens and closes it)."""
from facilitator.domain import timeline_reviews, timelines
from facilitator.domain.focus import while_input_open
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("timeline.add", roles=("participant",))(while_input_open(timelines.add_entry))
mutation("timeline.edit", roles=("participant",))(while_input_open(timelines.edit_entry))
mutation("timeline.remove", roles=("participant", *STAFF))(while_input_open(timelines.remove_entry))
mutation("timeline.show", roles=STAFF)(timelines.show)
snapshot_part("timelines")(timelines.state)

mutation("review.write", roles=("participant",))(while_input_open(timeline_reviews.write))
mutation("review.assign", roles=STAFF)(timeline_reviews.assign)
mutation("review.show", roles=STAFF)(timeline_reviews.show)
snapshot_part("timeline_reviews")(timeline_reviews.state)
