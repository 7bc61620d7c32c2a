"""Live events for common ground; the rules are in facilitator.domain.common_ground."""
from facilitator.domain import common_ground as cg
from facilitator.live.pipeline import mutation
from facilitator.live.statements import STAFF, register_part

TABLE = ("participant",) + STAFF

mutation("cg.candidate.add", roles=TABLE)(cg.add_candidate)
mutation("cg.candidate.edit", roles=TABLE)(cg.edit_candidate)
mutation("cg.candidate.remove", roles=TABLE)(cg.remove_candidate)
mutation("cg.candidate.propose", roles=STAFF)(cg.propose)
mutation("cg.theme.create", roles=STAFF)(cg.create_theme)
mutation("cg.theme.rename", roles=STAFF)(cg.rename_theme)
mutation("cg.theme.assign", roles=STAFF)(cg.assign)
mutation("cg.theme.merge", roles=STAFF)(cg.merge_themes)
mutation("cg.theme.remove", roles=STAFF)(cg.remove_theme)
mutation("cg.theme.put_up", roles=STAFF)(cg.put_up)
mutation("cg.theme.take_down", roles=STAFF)(cg.take_down)
mutation("cg.theme.respond", roles=("participant",))(cg.respond)
mutation("cg.theme.decide", roles=STAFF)(cg.decide)
mutation("cg.statement.edit", roles=STAFF)(cg.edit_statement)
register_part("common_ground", cg.state)
