"""Another process holds the write lock: how long do /healthz and another conference's pages wait?

    python benchmarks/locked_db.py [--runs 3] [--hold 4]

Starts the real server (run.py, gevent) twice on a fresh database with two conferences: once as
before this change (SQLite's own busy timeout of 10 s, which sleeps inside C and so blocks every
greenlet: the baseline) and once as now (busy timeout 0 in C, cooperative retries, db.py). In each
run another process (this one) holds ``BEGIN IMMEDIATE`` for ``--hold`` seconds; meanwhile one
request that must write (a participant's page of conference A, which records "last seen") waits for
the lock, and this script asks /healthz and the join page of conference B (a read) over and over.
Printed: median and worst latency of those reads under the lock, against the same reads with no
lock (idle), per mode; the spread is over the runs.

Over HTTP the figures carry the machine's load. So a second figure, in one gevent process without
HTTP: 400 reads (each with a 1 ms gevent sleep) on one connection, while nothing waits (baseline) and
while another greenlet waits for a write lock held by another connection (``--in-process``).
"""
from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
MODES = {"before (busy timeout in C, 10 s)": "10000", "after (cooperative)": "0"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db_path: str, c_timeout: str):
    port = free_port()
    env = {**os.environ, "FACILITATOR_C_BUSY_TIMEOUT_MS": c_timeout, "FACILITATOR_SECRET_KEY": "bench"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--port", str(port), "--db", db_path, "--no-demo"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return proc, url
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def timed(url: str) -> float:
    t = time.perf_counter()
    requests.get(url, timeout=30).raise_for_status()
    return (time.perf_counter() - t) * 1000


def reads(url: str, paths: dict, seconds: float) -> dict:
    """Each path asked over and over by its own thread for ``seconds``: a read stuck behind a frozen
    server does not keep the other from being asked."""
    found = {name: [] for name in paths}
    until = time.monotonic() + seconds

    def ask(name, path):
        while time.monotonic() < until:
            found[name].append(timed(url + path))

    threads = [threading.Thread(target=ask, args=item) for item in paths.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return found


def one_run(url: str, db_path: str, token: str, paths: dict, hold: float) -> tuple[dict, dict, float]:
    idle = reads(url, paths, 1.0)
    locked_now = threading.Event()

    def hold_lock():  # "another process": its own connection, released after `hold` seconds whatever happens
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        locked_now.set()
        time.sleep(hold)
        locker.execute("ROLLBACK")
        locker.close()

    waited = {}

    def write():
        try:
            waited["ms"] = timed(f"{url}/p/{token}")
        except requests.RequestException as exc:  # e.g. "database is locked" after the busy timeout
            waited["error"], waited["ms"] = str(exc), float("nan")

    locker = threading.Thread(target=hold_lock)
    locker.start()
    locked_now.wait()
    started = time.monotonic()
    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.05)  # let the write reach the server first (the point is to read while it waits)
    locked = reads(url, paths, hold - 0.1 - (time.monotonic() - started))
    locker.join()
    writer.join()
    if "error" in waited:
        print("  the write failed:", waited["error"])
    return idle, locked, waited["ms"]


def in_process() -> None:
    from gevent import monkey

    monkey.patch_all(ssl=False)  # as the server; ssl is not used here (requests imported it already)
    import gevent

    sys.path.insert(0, str(ROOT))
    from facilitator import db as database

    def some_reads(path, n=400):
        conn, out = database.connect(path), []
        for _ in range(n):
            t = time.perf_counter()
            conn.execute("select count(*) from t").fetchone()
            gevent.sleep(0.001)
            out.append((time.perf_counter() - t) * 1000)
        conn.close()
        return statistics.median(out), max(out)

    def waiting_writer(path):
        conn = database.connect(path)
        with database.transaction(conn):
            conn.execute("insert into t values (1)")
        conn.close()

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "m.db")
        database.open_database(path).execute("create table t (a)")
        idle = some_reads(path)
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        writer = gevent.spawn(waiting_writer, path)
        gevent.sleep(0.01)
        locked = some_reads(path)
        locker.execute("ROLLBACK")
        writer.join()
    print(f"in one gevent process, read + 1 ms sleep: nothing waiting {idle[0]:.2f} ms median / {idle[1]:.1f} worst;"
          f" a writer waiting for the lock {locked[0]:.2f} ms median / {locked[1]:.1f} worst")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hold", type=float, default=4.0)
    parser.add_argument("--in-process", action="store_true", help="only the in-process figure")
    args = parser.parse_args()
    if args.in_process:
        return in_process()
    subprocess.run([sys.executable, __file__, "--in-process"], check=True)
    print(f"lock held {args.hold:.0f} s from another process; latencies in ms (median / worst), spread over {args.runs} runs")
    print(f"{'mode':34} {'read':26} {'idle: median / worst':>22} {'under the lock: median / worst':>32}  write waited")
    for mode, c_timeout in MODES.items():
        with tempfile.TemporaryDirectory() as tmp:
            db_path = str(Path(tmp) / "bench.db")
            for _ in range(2):  # conferences A and B
                subprocess.run([sys.executable, "-m", "facilitator.cli", "import", str(ROOT / "facilitator" / "samples" /
                                "helmond-2021.json"), "--db", db_path], check=True, stdout=subprocess.DEVNULL)
            proc, url = start(db_path, c_timeout)
            try:
                db = sqlite3.connect(db_path)
                (cid_a, token), = db.execute("select conference_id, token from participants order by id limit 1")
                (code_b,), = db.execute("select join_code from conferences where id != ? order by id limit 1", [cid_a])
                db.close()
                paths = {"/healthz": "/healthz", "join page of conference B": f"/join/{code_b}"}
                results = [one_run(url, db_path, token, paths, args.hold) for _ in range(args.runs)]
            finally:
                proc.terminate()
                proc.wait(10)
        def spread(values):
            return f"{min(values):5.0f}-{max(values):<5.0f}"

        for name in paths:
            idle_med = [statistics.median(r[0][name]) for r in results]
            idle_worst = [max(r[0][name]) for r in results]
            med = [statistics.median(r[1][name]) for r in results]
            worst = [max(r[1][name]) for r in results]
            print(f"{mode:34} {name:26} {spread(idle_med)} / {spread(idle_worst)}   {spread(med)} / {spread(worst)}"
                  f"   {spread([r[2] for r in results])}")

if __name__ == "__main__":
    main()
