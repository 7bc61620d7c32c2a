"""The baseline for benchmarks/fanout.py: a bare Flask-SocketIO relay on gevent.

No validation, no storage, no coalescing: every ``note.post`` is acknowledged and emitted to
everyone at once, one message per note per client (a ``statement.answer`` likewise, as a
``statement.results`` event with the tally: the vote scenario). Run: python benchmarks/relay_server.py PORT
"""
from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

from facilitator.server import wsgi_server  # noqa: E402  (the same server stack as Facilitator's)

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent")
seq = 0
tally: dict = {}


@app.route("/healthz")
def healthz():
    return "ok"


@socketio.on("connect")
def connect(auth=None):
    join_room("all")


@socketio.on("note.post")
def post(payload):
    global seq
    seq += 1
    event = {"seq": seq, "kind": "note.added", "audience": "all", "data": {"note": {"text": payload["data"]["text"]}}}
    socketio.emit("events", [event], to="all")
    return {"ok": True, "seq": seq}


@socketio.on("statement.answer")
def answer(payload):
    global seq
    seq += 1
    choice = str(payload["data"]["answer"])
    tally[choice] = tally.get(choice, 0) + 1
    answered = sum(tally.values())
    data = {"statement_id": payload["data"]["statement_id"], "answered": answered,
            "result": {"counts": dict(tally), "total": answered}}
    socketio.emit("events", [{"seq": seq, "kind": "statement.results", "audience": "all", "data": data}], to="all")
    return {"ok": True, "result": {"answer": choice}, "seq": seq}


if __name__ == "__main__":
    wsgi_server(app, "127.0.0.1", int(sys.argv[1])).serve_forever()
