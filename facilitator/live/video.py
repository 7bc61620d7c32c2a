"""Live events for the tables' video-call links; the rules are in facilitator.domain.video."""
from facilitator.domain import video
from facilitator.domain.events import STAFF
from facilitator.live.activities import register_part
from facilitator.live.pipeline import mutation

mutation("tables.video", roles=STAFF)(video.set_links)
register_part("video", video.state)
