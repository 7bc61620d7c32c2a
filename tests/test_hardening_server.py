"""The database at the edges: another process holding the write lock, and files the server may not write."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import requests

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One real server (with the demo conference) for this module's live tests: starting one costs seconds."""
    from tests.conftest import ServerProcess

    s = ServerProcess(tmp_path_factory.mktemp("hardening-server")).start()
    yield s
    s.kill()


def test_another_writer_does_not_freeze_the_server(server):
    """While another process holds the write lock, a request that must write waits for it, and
    the rest of the server (here /healthz) keeps answering meanwhile; the write succeeds after."""
    db = server.db()
    token = db.execute("select token from participants order by id limit 1").fetchone()[0]
    db.close()
    locker = sqlite3.connect(server.db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    outcome = {}

    def write():  # the personal page records when the participant was last seen: a write
        outcome["status"] = requests.get(f"{server.url}/p/{token}", timeout=30).status_code

    writer = threading.Thread(target=write)
    writer.start()
    try:
        answered = 0
        until = time.monotonic() + 1.0
        while time.monotonic() < until:  # on a frozen server this times out: the lock is held for longer
            assert requests.get(server.url + "/healthz", timeout=2).json() == {"ok": True}
            answered += 1
        assert writer.is_alive(), "the write is still waiting for the lock"
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    writer.join(15)
    assert outcome.get("status") == 200
    assert answered > 1


def _engineio_socket(server, token):
    """A raw Socket.IO connection over WebSocket (engine.io v4 framing), so the test can send bytes
    no well-behaved client library would encode."""
    import websocket

    ws = websocket.create_connection(server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
                                     timeout=10)
    assert ws.recv().startswith("0")  # open
    ws.send('40{"token": "%s"}' % token)
    while not ws.recv().startswith("40"):  # connected to the namespace (the welcome event may come first)
        pass
    return ws


def _ack(ws, ack_id: int):
    import json

    while True:
        message = ws.recv()
        if message == "2":  # ping
            ws.send("3")
        elif message.startswith(f"43{ack_id}"):
            return json.loads(message[len(f"43{ack_id}"):])[0]


def test_a_message_nested_too_deeply_gets_an_answer_and_no_traceback(server):
    db = server.db()
    token = db.execute("select token from participants order by id limit 1").fetchone()[0]
    db.close()
    ws = _engineio_socket(server, token)
    try:
        deep = "[" * 5000 + "]" * 5000
        ws.send('421["note.post",{"op_id": "0123456789abcdef", "data": {"text": ' + deep + '}}]')
        ack = _ack(ws, 1)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid"
        assert "nested too deeply" in ack["error"]["message"] or "te diep" in ack["error"]["message"]
        ws.send('422["note.post",{"op_id": "0123456789abcdeg", "data": {"text": "half a pair \\ud800"}}]')
        ack = _ack(ws, 2)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid"
        ws.send('423["sync",{"seq": 0}]')  # the connection still works
        assert _ack(ws, 3)["ok"] is True
    finally:
        ws.close()
    assert "RecursionError" not in server.log.read_text()


# --- files the server may not write: a clear message at start, not a traceback or SIGBUS -----------

def _unwritable(path):
    """Make a file unwritable even for root (immutable), or by permissions for anyone else; returns an undo."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0:
        os.chmod(path, 0o444)
        return lambda: os.chmod(path, 0o644)
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        reason = "running as root without chattr +i: no way to make a file unwritable here"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI must run this test)")
        pytest.skip(reason)
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def _start(db_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    return subprocess.run([sys.executable, str(ROOT / "run.py"), "--db", str(db_path), "--port", "0", "--no-demo"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.fixture
def existing_db(tmp_path):
    from facilitator import db as database

    path = tmp_path / "old.db"
    database.open_database(path).close()
    return path


def test_a_read_only_database_at_start_gets_a_clear_message(existing_db):
    undo = _unwritable(existing_db)
    try:
        done = _start(existing_db)
    finally:
        undo()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"The database file {existing_db} is read-only" in done.stderr and "write access" in done.stderr


def test_an_unwritable_shared_memory_file_gets_a_clear_message(existing_db):
    shm = existing_db.parent / (existing_db.name + "-shm")
    shm.write_bytes(b"")  # left behind, empty, by a server that ran as another user
    undo = _unwritable(shm)
    try:
        done = _start(existing_db)
    finally:
        undo()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert str(shm) in done.stderr and "delete" in done.stderr


def test_a_read_transaction_goes_on_while_another_process_holds_the_write_lock(tmp_path):
    """db.read_transaction: one consistent view, no waiting for the write lock, no writes."""
    from facilitator import db as database

    path = tmp_path / "r.db"
    db = database.open_database(path)
    db.execute("create table t (a)")
    db.execute("insert into t values (1)")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("insert into t values (2)")
    started = time.monotonic()
    with database.read_transaction(db):
        first = db.execute("select count(*) from t").fetchone()[0]
        other.execute("COMMIT")  # a write lands in the middle of the read...
        second = db.execute("select count(*) from t").fetchone()[0]
        with pytest.raises(sqlite3.OperationalError):
            db.execute("insert into t values (3)")
    assert first == second == 1  # ...and the read does not see it: one consistent view
    assert time.monotonic() - started < database.BUSY_TIMEOUT_SECONDS  # it did not wait for the lock
    assert db.execute("select count(*) from t").fetchone()[0] == 2
    db.execute("insert into t values (3)")  # writes work again after it
    other.close()
    db.close()
