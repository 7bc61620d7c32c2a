"""Starting the server: first-start set-up (account, demo conference) and the gevent server."""
from __future__ import annotations

import json
import os
from importlib import resources

import click

DEMO_FILE = "helmond-2021.json"
FIRST_ACCOUNT = "organiser@example.org"


def bootstrap(db, *, demo: bool = True) -> dict:
    """Make an empty database usable: a first account and, unless declined, the demo conference.

    Returns what was done, for the start-up banner.
    """
    from facilitator.domain import conferences, definition, tables, users

    done = {"account": None, "password": None, "demo": None}
    if users.count(db) == 0:
        email = os.environ.get("FACILITATOR_ADMIN_EMAIL", FIRST_ACCOUNT)
        password = os.environ.get("FACILITATOR_ADMIN_PASSWORD") or users.generate_password()
        users.create_or_update(db, email, password, "Organiser", is_admin=True)
        done["account"], done["password"] = email, password
    if demo and not conferences.list_all(db):
        data = json.loads(resources.files("facilitator.samples").joinpath(DEMO_FILE).read_text("utf-8"))
        cid = definition.import_definition(db, data)
        tables.create_tabling(db, cid, "Tafels dag 1", 8, seed=2021)
        done["demo"] = cid
    return done


def banner(app, db, done: dict, host: str, port: int) -> str:
    from facilitator.domain import conferences, users

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = app.config.get("PUBLIC_URL") or f"http://{shown_host}:{port}"
    lines = ["", f"Facilitator is running on {base}", "", f"  Organisers sign in at   {base}/login"]
    if done["account"]:
        lines.append(f"  First account:          {done['account']}  password: {done['password']}")
        lines.append("  (shown once; change it with: facilitator create-user --email ... )")
    else:
        lines.append(f"  Accounts:               {', '.join(u['email'] for u in users.list_all(db)[:3])}"
                     "  (new password: facilitator create-user)")
    for c in conferences.list_all(db)[:3]:
        if c["status"] == "open":
            lines.append(f"  Participants join at    {base}/join  with code {c['join_code']}  ({c['title']})")
    lines.append(f"  Database:               {app.config['DATABASE']}")
    lines.append("")
    return "\n".join(lines)


def serve(host: str, port: int, db_path: str, demo: bool = True) -> None:
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        monkey.patch_all()

    from facilitator import db as database
    from facilitator.app import create_app

    app = create_app(DATABASE=db_path, HOST=host, PORT=port)
    db = database.connect(app.config["DATABASE"])
    done = bootstrap(db, demo=demo)
    click.echo(banner(app, db, done, host, port), err=False)
    db.close()
    from facilitator.mail import scheduler

    scheduler.start(app)
    wsgi_server(app, host, port, log=bool(os.environ.get("FACILITATOR_ACCESS_LOG"))).serve_forever()


def supervise(host: str, port: int, db_path: str, demo: bool, workers: int) -> None:
    """Several single-worker servers on port, port+1, ...: the database is set up once here, then
    each worker is its own process (restarted when it dies); SIGTERM or Ctrl-C stops them all."""
    import signal
    import subprocess
    import sys
    import time

    from facilitator import db as database
    from facilitator.app import create_app

    app = create_app(DATABASE=db_path, HOST=host, PORT=port)
    db = database.connect(app.config["DATABASE"])
    done = bootstrap(db, demo=demo)
    click.echo(banner(app, db, done, host, port), err=False)
    db.close()

    def start(i: int) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "facilitator.cli", "run", "--host", host, "--port", str(port + i),
                                 "--db", db_path, "--no-demo"])

    procs = [start(i) for i in range(workers)]
    click.echo(f"  {workers} workers on ports {port}-{port + workers - 1} (one process each)")
    stopping = []

    def stop(*_args):
        stopping.append(True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping:
            time.sleep(0.5)
            for i, p in enumerate(procs):
                if p.poll() is not None and not stopping:
                    click.echo(f"  worker on port {port + i} exited ({p.returncode}); starting it again", err=True)
                    procs[i] = start(i)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def wsgi_server(app, host: str, port: int, *, log: bool = False):
    """gevent's WSGI server with gevent-websocket's handler (what ``socketio.run`` would pick), with
    Nagle's algorithm off on every connection: live messages are small and frequent, and holding one
    back until the peer acknowledges the previous (delayed ACKs wait up to 40 ms) adds that to a
    delivery. WebSocket frames go out uncompressed: compressing every message once per connection
    (what simple-websocket does) cost more CPU than the rest of the fan-out (docs/performance.md)."""
    import socket

    from gevent import pywsgi
    from geventwebsocket.handler import WebSocketHandler

    class Handler(WebSocketHandler):
        def __init__(self, sock, address, server, rfile=None):
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().__init__(sock, address, server, rfile)

    return pywsgi.WSGIServer(listener(host, port), app, handler_class=Handler, log="default" if log else None)


def listener(host: str, port: int):
    """Where to serve: a listening socket handed over by the process that started this one
    (``FACILITATOR_LISTEN_FD``, as a supervisor or the test suite does: the port is bound before
    this process starts, and connections wait in its backlog meanwhile), else ``(host, port)``."""
    import socket

    fd = os.environ.get("FACILITATOR_LISTEN_FD")
    return socket.socket(fileno=int(fd)) if fd else (host, port)
