"""Live events for the scenario boards; the rules are in facilitator.domain.scenarios."""
from facilitator.domain import scenarios
from facilitator.domain.events import last_seq
from facilitator.live.pipeline import mutation, query, snapshot_part

STAFF = ("organiser", "facilitator")
TABLE = ("participant",) + STAFF

mutation("scenario.update", roles=TABLE)(scenarios.update)
mutation("scenario.feature.add", roles=TABLE)(scenarios.add_feature)
mutation("scenario.feature.edit", roles=TABLE)(scenarios.edit_feature)
mutation("scenario.feature.remove", roles=TABLE)(scenarios.remove_feature)
mutation("scenario.presentations.open", roles=STAFF)(scenarios.open_presentations)
mutation("scenario.presentations.close", roles=STAFF)(scenarios.close_presentations)
mutation("scenario.present", roles=STAFF)(scenarios.present)
mutation("scenario.react", roles=("participant",))(scenarios.react)
snapshot_part("scenarios")(scenarios.state)


@query("scenarios")
def load(db, actor, _data):
    """The same as the snapshot part, with the sequence number it is current to (read first, so an
    event that slips in between is applied again on top: the views' updates are idempotent)."""
    seq = last_seq(db, actor.conference_id)
    return {**scenarios.state(db, actor), "seq": seq}
