"""The live layer: Flask-SocketIO on gevent. Handlers stay thin; the rules live in the domain.

Connecting needs either a participant's join token (``auth={"token": ...}``) or a signed-in
organiser's session cookie together with ``auth={"conference_id": ...}``.
"""
from __future__ import annotations

from flask import current_app, request, session
from flask_socketio import SocketIO, join_room

from facilitator.domain import conferences, participants, users
from facilitator.web import get_db

MAX_PAYLOAD_BYTES = 64 * 1024

socketio = SocketIO()


def init_live(app) -> None:
    socketio.init_app(
        app,
        async_mode="gevent",
        message_queue=app.config.get("MESSAGE_QUEUE"),
        max_http_buffer_size=MAX_PAYLOAD_BYTES,
        # Same-origin only (Flask-SocketIO's default); a list allows extra origins.
        cors_allowed_origins=app.config.get("SOCKETIO_CORS") or None,
    )


def identify(auth) -> dict | None:
    """Who is connecting: {'role': 'participant', ...} or {'role': 'organiser'|'facilitator', ...}."""
    db = get_db()
    auth = auth if isinstance(auth, dict) else {}
    token = auth.get("token")
    if token:
        p = participants.by_token(db, token)
        if p:
            return {"role": "participant", "conference_id": p["conference_id"], "participant": p}
        return None
    user_id = session.get("user_id")
    conference_id = auth.get("conference_id")
    if user_id and isinstance(conference_id, int):
        user = users.get(db, user_id)
        role = conferences.role_of(db, conference_id, user)
        if role:
            return {"role": role, "conference_id": conference_id, "user": user}
    presenter_key = auth.get("presenter")
    if presenter_key:
        conf = conferences.by_presenter_key(db, presenter_key)
        if conf:
            return {"role": "presenter", "conference_id": conf["id"]}
    return None


@socketio.on("connect")
def on_connect(auth=None):
    who = identify(auth)
    if not who:
        return False  # refused: the client gets a connect_error
    session_who = {k: who[k] for k in ("role", "conference_id")}
    if who["role"] == "participant":
        session_who["participant_id"] = who["participant"]["id"]
    request.environ["facilitator.who"] = session_who
    join_room(f"conference:{who['conference_id']}")
    return True
