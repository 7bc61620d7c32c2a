"""Live events for the actions of an action group (members of the goal and staff edit them)."""
from facilitator.domain import actions
from facilitator.live.goals import EVERYONE
from facilitator.live.pipeline import mutation

mutation("action.create", roles=EVERYONE)(actions.create)
mutation("action.update", roles=EVERYONE)(actions.update)
mutation("action.delete", roles=EVERYONE)(actions.delete)
