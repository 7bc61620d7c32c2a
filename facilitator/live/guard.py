"""Guards at the live layer's edge: messages it cannot read, and connections that must end now.

``TolerantJSON`` is the json module Socket.IO decodes packets with. The standard ``json.loads``
raises RecursionError on input nested deeper than about a thousand levels; python-socketio does not
catch that, so the sender got no answer at all and the log a traceback per message. Here such a
message decodes as the event ``_unreadable``, whose handler answers ``invalid``: the sender hears why,
nothing is applied, nothing is logged. So does a message with a lone surrogate (``"\\ud800"``, half
of a UTF-16 pair) in any string: it is not text, and no part of it can be stored.

A participant who is erased, or a user who is signed out everywhere, has their open connections
on this process closed at once (``disconnect_participant``, ``disconnect_user``); their token or
session is refused on the next connect.
"""
from __future__ import annotations

import re

from engineio import json as engineio_json
from flask_socketio import SocketIO

from facilitator.domain.errors import N_, DomainError
from facilitator.live import presence, socketio

UNREADABLE = "_unreadable"
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def has_lone_surrogate(value) -> bool:
    from facilitator.domain.validate import LONE_SURROGATE

    if isinstance(value, str):
        return bool(LONE_SURROGATE.search(value))
    if isinstance(value, list):
        return any(has_lone_surrogate(x) for x in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(x) for k, x in value.items())
    return False


class TolerantJSON:
    """``dumps``/``loads`` as engine.io's json module; a message that is too deep, or holds a lone
    surrogate, becomes the ``_unreadable`` event."""

    dumps = staticmethod(engineio_json.dumps)

    @staticmethod
    def loads(s, *args, **kwargs):
        try:
            data = engineio_json.loads(s, *args, **kwargs)
        except RecursionError:
            return [UNREADABLE, "too_deep"]
        if isinstance(s, str) and SURROGATE_ESCAPE.search(s) and has_lone_surrogate(data):
            return [UNREADABLE, "not_text"]
        return data


@socketio.on(UNREADABLE)
def unreadable(reason=None, *_args):
    from facilitator.live.pipeline import error_ack

    if reason == "not_text":
        return error_ack(DomainError("invalid", N_("This message holds a character that is not valid text.")))
    return error_ack(DomainError("invalid", N_("This message is nested too deeply to be read.")))


def _disconnect(io: SocketIO, match) -> int:
    found = [sid for sid, actor in list(presence.CONNECTED.items()) if match(actor)]
    for sid in found:
        io.server.disconnect(sid, namespace="/")
    return len(found)


def disconnect_participant(conference_id: int, participant_id: int, io: SocketIO = socketio) -> int:
    """Close this process's live connections of one participant; returns how many."""
    return _disconnect(io, lambda a: a.conference_id == conference_id and a.participant_id == participant_id)


def disconnect_user(user_id: int, io: SocketIO = socketio) -> int:
    """Close this process's live connections of one organiser or facilitator; returns how many."""
    return _disconnect(io, lambda a: a.user_id == user_id)
