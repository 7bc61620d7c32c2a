"""Live events for the timelines and their review per mixed table."""
from facilitator.domain import timeline_reviews, timelines
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")

mutation("timeline.add", roles=("participant",))(timelines.add_entry)
mutation("timeline.edit", roles=("participant",))(timelines.edit_entry)
mutation("timeline.remove", roles=("participant", *STAFF))(timelines.remove_entry)
snapshot_part("timelines")(timelines.state)

mutation("review.write", roles=("participant",))(timeline_reviews.write)
mutation("review.assign", roles=STAFF)(timeline_reviews.assign)
mutation("review.show", roles=STAFF)(timeline_reviews.show)
snapshot_part("timeline_reviews")(timeline_reviews.state)
