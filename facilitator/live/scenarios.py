"""Live events for the scenario boards; the rules are in facilitator.domain.scenarios."""
from facilitator.domain import scenarios
from facilitator.live.pipeline import mutation
from facilitator.live.statements import STAFF, register_part

TABLE = ("participant",) + STAFF

mutation("scenario.update", roles=TABLE)(scenarios.update)
mutation("scenario.feature.add", roles=TABLE)(scenarios.add_feature)
mutation("scenario.feature.edit", roles=TABLE)(scenarios.edit_feature)
mutation("scenario.feature.remove", roles=TABLE)(scenarios.remove_feature)
mutation("scenario.presentations.open", roles=STAFF)(scenarios.open_presentations)
mutation("scenario.presentations.close", roles=STAFF)(scenarios.close_presentations)
mutation("scenario.present", roles=STAFF)(scenarios.present)
mutation("scenario.react", roles=("participant",))(scenarios.react)
register_part("scenarios", scenarios.state)
