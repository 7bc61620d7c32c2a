"""The database at the edges: another process holding the write lock, and files the server may not write."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import requests

pytestmark = pytest.mark.live


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
