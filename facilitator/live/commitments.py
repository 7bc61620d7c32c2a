"""Live events for public commitments."""
from facilitator.domain import commitments
from facilitator.live.goals import EVERYONE
from facilitator.live.pipeline import mutation

mutation("commitment.make", roles=("participant",))(commitments.make)
mutation("commitment.withdraw", roles=EVERYONE)(commitments.withdraw)
