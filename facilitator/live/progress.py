"""Live events for progress (status and updates of actions), and review meetings; the
`progress` and `cafe` snapshot parts."""
from facilitator.domain import cafe, progress
from facilitator.live.pipeline import mutation, snapshot_part

STAFF = ("organiser", "facilitator")
EVERYONE = ("participant",) + STAFF

mutation("progress.post", roles=EVERYONE)(progress.post_update)
mutation("progress.status", roles=EVERYONE)(progress.set_status)
mutation("progress.read", roles=("participant",))(progress.mark_read)
mutation("review.show", roles=STAFF)(cafe.review_show)
snapshot_part("progress")(progress.state)
snapshot_part("cafe")(cafe.cafe_state)
