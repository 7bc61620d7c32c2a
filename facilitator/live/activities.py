"""Every activity's socket events and snapshot parts, registered from the activity registry.

An activity declares them in its entry (facilitator/domain/activities.py: ``events``, ``parts``);
this module hands them to the pipeline, so an activity needs no live module of its own. One only
for what a declaration cannot say (a query with its own reading, a socket event outside the
pipeline): the entry's ``live`` names it.
"""
from __future__ import annotations

from facilitator.domain import activities
from facilitator.domain.events import last_seq
from facilitator.domain.focus import while_input_open
from facilitator.live.pipeline import mutation, query, snapshot_part


def register_part(name: str, state_fn) -> None:
    """``state_fn(db, actor)`` as snapshot part ``name`` and as the live query ``name``, which also
    gives the sequence number it is current to. The number is read first, so an event that slips in
    between is applied again on top of the part (the views apply events idempotently)."""
    snapshot_part(name)(state_fn)

    @query(name)
    def load(db, actor, _data):
        seq = last_seq(db, actor.conference_id)
        return {**state_fn(db, actor), "seq": seq}


def register(activity: activities.Activity) -> None:
    for event in activity.events:
        fn = activity.function(event.fn)
        mutation(event.name, roles=event.roles)(while_input_open(fn) if event.open_only else fn)
    for name, ref in activity.parts.items():
        register_part(name, activity.function(ref))


for _activity in activities.REGISTRY:
    register(_activity)
