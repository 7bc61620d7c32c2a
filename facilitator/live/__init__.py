"""The live layer: Flask-SocketIO on gevent. Handlers stay thin; the rules live in the domain.

Connecting needs one of: a participant's join token (``auth={"token": ...}``), a signed-in
organiser's or facilitator's session cookie with ``auth={"conference_id": ...}``, or the
projector's secret key (``auth={"presenter": ...}``). Everything else is refused.

The pipeline (see docs/protocol.md): a client emits ``<event>`` with ``{"op_id": uuid, ...}``;
:func:`pipeline.apply` checks role and payload, runs the domain function and the event log append
in one transaction, remembers the answer under ``op_id``; then the events go to the rooms that
may see them, and the sender gets ``{"ok": true, ...}`` or ``{"ok": false, "error": {...}}``.
"""
from __future__ import annotations

import os

from flask_socketio import SocketIO

MAX_PAYLOAD_BYTES = 64 * 1024

socketio = SocketIO()


def init_live(app) -> None:
    # Handlers must be registered before init_app, so that Flask-SocketIO keeps them for
    # every app it is initialised with (tests make many apps).
    load_handlers()
    from facilitator.live.guard import TolerantJSON
    if "LIVE_TICK_SECONDS" not in app.config:
        tick_ms = os.environ.get("FACILITATOR_LIVE_TICK_MS")
        app.config["LIVE_TICK_SECONDS"] = 0 if app.testing else (int(tick_ms) / 1000 if tick_ms else 0.05)
    if "LIVE_PER_CONNECTION_SECONDS" not in app.config and os.environ.get("FACILITATOR_LIVE_PER_CONNECTION_US"):
        app.config["LIVE_PER_CONNECTION_SECONDS"] = float(os.environ["FACILITATOR_LIVE_PER_CONNECTION_US"]) / 1e6
    if "LIVE_FOLLOW_UP_SECONDS" not in app.config:
        from facilitator.live.follow_ups import WINDOW

        app.config["LIVE_FOLLOW_UP_SECONDS"] = 0 if app.testing else WINDOW
    socketio.init_app(
        app,
        async_mode="gevent",
        message_queue=app.config.get("MESSAGE_QUEUE"),
        max_http_buffer_size=MAX_PAYLOAD_BYTES,
        # Same-origin only (Flask-SocketIO's default); a list allows extra origins.
        cors_allowed_origins=app.config.get("SOCKETIO_CORS") or None,
        json=TolerantJSON,  # a message nested too deeply gets an answer (``invalid``), not a traceback
    )
    from facilitator.live import broadcast

    broadcast.install(socketio.server)  # WebSockets from now on can take the fan-out's direct writes


def load_handlers() -> None:
    """Import every module in this package: importing registers its events and snapshot parts."""
    import importlib
    import pkgutil

    import facilitator.live as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
