"""Shared texts under load: people typing together in one text, beside plain note posts.

Against a real server (`run.py`) on 127.0.0.1 with 16 mixed tables of 8 people (128 connections):

- ``1 table``: the 8 people of one table type in their scenario story at 5 keystrokes a second
  each (the vendored Yjs the browser uses, sent as static/js/collab.js sends it: one update in flight
  per person, keys typed meanwhile merged into the next);
- ``16 tables``: all 16 tables do so at once (640 keystrokes a second);

and, in the same run on the same server and connections, the same people post notes at the same
rate into a mixed-table note session (whose notes, like the story, go to the table only): the
baseline. Printed per figure: server CPU per update and per keystroke (user + system time of the
server process divided by the acknowledged updates, by the keys) and p50/p99 from a keystroke to the
others' copies (for a merged update: from its oldest keystroke); three runs
(a fresh server each), then the spread (min-max) of each figure.

    python benchmarks/collab.py                 # 3 runs, 3 seconds of typing per figure
    python benchmarks/collab.py --runs 1 --duration 2
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fanout import cpu_seconds, free_port, node_modules, percentile, wait_healthy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
TABLES, PER_TABLE = 16, 8


def prepare(tmp: Path) -> tuple[Path, list]:
    """The demo conference with 128 participants in 16 tables of 8, a mixed-table note session on."""
    sys.path.insert(0, str(ROOT))
    from facilitator import db as database
    from facilitator import server
    from facilitator.domain import participants, tables

    path = tmp / "bench.db"
    db = database.open_database(path)
    os.environ.setdefault("FACILITATOR_ADMIN_PASSWORD", "benchmark password")
    server.bootstrap(db)
    cid = db.execute("select id from conferences").fetchone()[0]
    have = db.execute("select count(*) from participants").fetchone()[0]
    for i in range(have, TABLES * PER_TABLE):
        participants.add(db, cid, {"name": f"Bench participant {i}"})
    tabling = tables.create_tabling(db, cid, "Bench", PER_TABLE, seed=1)
    session = db.execute("select id from sessions where conference_id = ? and grouping = 'mixed' order by id",
                         [cid]).fetchone()[0]
    db.execute("update sessions set activity = 'notes', tabling_id = ? where id = ?", [tabling, session])
    db.execute("update conferences set current_session_id = ? where id = ?", [session, cid])
    db.execute("insert or replace into room_state (conference_id, input_open, updated_at) values (?, 1, '')", [cid])
    by_table = []
    for t in tables.tables_of(db, tabling)[:TABLES]:
        tokens = [db.execute("select token from participants where id = ?", [m["id"]]).fetchone()[0]
                  for m in t["members"][:PER_TABLE]]
        by_table.append([t["id"], tokens])
    db.close()
    assert len(by_table) == TABLES and all(len(t) == PER_TABLE for _, t in by_table), "16 full tables"
    return path, by_table


def one_run(args, modules: Path) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="collab-bench-"))
    db_path, by_table = prepare(tmp)
    port = free_port()
    log = tmp / "server.log"
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(db_path)], cwd=ROOT, stdout=open(log, "ab"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    worker = None
    out = []
    try:
        wait_healthy(url, proc, log)
        (tmp / "tokens.json").write_text(json.dumps(by_table))
        worker = subprocess.Popen(["node", str(HERE / "collab_client.mjs"), f"--url={url}", f"--tokens={tmp / 'tokens.json'}",
                                   f"--modules={modules}", f"--yjs={ROOT / 'static/vendor/yjs/yjs.mjs'}"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if worker.stdout.readline().strip() != "ready":
            raise RuntimeError("load generator failed")
        time.sleep(1.0)  # the connection burst settles
        for tables in (1, TABLES):
            for mode in ("doc", "note"):
                before = cpu_seconds(proc.pid)
                worker.stdin.write(f"{mode} {tables} {args.duration}\n")
                worker.stdin.flush()
                r = json.loads(worker.stdout.readline())
                cpu = cpu_seconds(proc.pid) - before
                lat = sorted(r["latencies"])
                out.append({"tables": tables, "mode": mode, "keys": r["keys"], "sent": r["sent"], "acked": r["acked"],
                            "refused": r["refused"], "errors": r["errors"], "deliveries": len(lat),
                            "expected": r["acked"] * (PER_TABLE - 1),
                            "cpu_us": cpu / r["acked"] * 1e6 if r["acked"] else float("nan"),
                            "cpu_us_key": cpu / r["keys"] * 1e6 if r["keys"] else float("nan"),
                            "p50": percentile(lat, 50), "p99": percentile(lat, 99),
                            "ack_p99": percentile(sorted(r["ackTimes"]), 99)})
        worker.stdin.write("quit\n")
        worker.stdin.flush()
    finally:
        if worker and worker.poll() is None:
            try:
                worker.wait(5)
            except subprocess.TimeoutExpired:
                worker.kill()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def label(r: dict) -> str:
    what = "story (doc.update)" if r["mode"] == "doc" else "note post (baseline)"
    return f"{r['tables']:>2} table{'s' if r['tables'] > 1 else ' '} {what:<21}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=float, default=3, help="seconds of typing per figure")
    args = parser.parse_args(argv)
    modules = node_modules()
    runs = []
    for i in range(args.runs):
        results = one_run(args, modules)
        runs.append(results)
        print(f"run {i + 1}  (load {os.getloadavg()[0]:.1f})")
        for r in results:
            print(f"  {label(r)} {r['keys']:5d} keys in {r['acked']:5d} updates  CPU {r['cpu_us']:6.0f} us/update "
                  f"{r['cpu_us_key']:6.0f} us/key  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
                  f"ack p99 {r['ack_p99']:6.1f} ms  refused {r['refused']}  "
                  f"delivered {r['deliveries']}/{r['expected']}" + (f"  refused: {r['errors']}" if r["refused"] else ""))
    if len(runs) > 1:
        print(f"spread over {len(runs)} runs (min-max)")
        for j, r in enumerate(runs[0]):
            cells = [run[j] for run in runs]
            span = lambda k: f"{min(c[k] for c in cells):.0f}-{max(c[k] for c in cells):.0f}"  # noqa: E731
            spanf = lambda k: f"{min(c[k] for c in cells):.1f}-{max(c[k] for c in cells):.1f}"  # noqa: E731
            print(f"  {label(r)} CPU {span('cpu_us')} us/update, {span('cpu_us_key')} us/key  "
                  f"p50 {spanf('p50')} ms  p99 {spanf('p99')} ms")


if __name__ == "__main__":
    main()
