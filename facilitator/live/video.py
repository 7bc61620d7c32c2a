"""Live events for the tables' video-call links; the rules are in facilitator.domain.video."""
from facilitator.domain import video
from facilitator.live.pipeline import mutation
from facilitator.live.activities import STAFF, register_part

mutation("tables.video", roles=STAFF)(video.set_links)
register_part("video", video.state)
