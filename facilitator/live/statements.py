"""Kept for live/documents.py, which takes ``STAFF`` from here; the statements' events are declared in
the activity registry (live/activities.py registers them)."""
from facilitator.live.activities import STAFF, register_part  # noqa: F401
