"""Day one at full size: how long the past-and-present snapshot parts and writes take, against a
baseline measured in the same run.

    python benchmarks/past_present.py [--runs 5]

The Helmond sample (75 participants, 6 stakeholder groups, 8 mixed tables), with 5 timeline
entries per person (375), a trend map of 60 items, every participant's 5 dots (375), a response
sheet of 4 key trends per group and 10 prouds and sorries per group. Baseline: the live engine's
own `room` snapshot part (one small row), the fixed cost of a state request.
Figures: time per snapshot part (participant, facilitator), JSON size, time per dot (the pipeline's
transaction with the budget check), and dots from one person on two connections at once.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator import db as database  # noqa: E402
from facilitator.db import row, transaction  # noqa: E402
from facilitator.domain import (definition, dotvotes, participants, prouds, room, tables,  # noqa: E402
                                timelines, trend_responses, trends)
from facilitator.domain.errors import DomainError  # noqa: E402
from facilitator.domain.events import Actor  # noqa: E402
from facilitator.live import load_handlers  # noqa: E402
from facilitator.live.pipeline import MUTATIONS, SNAPSHOT_PARTS, apply  # noqa: E402

PARTS = ("timelines", "timeline_reviews", "trends", "dot_votes", "trend_responses", "prouds")


def do(db, fn, actor, data):
    with transaction(db):
        return fn(db, actor, data)


def fill(db):
    sample = json.loads((ROOT / "facilitator" / "samples" / "helmond-2021.json").read_text("utf-8"))
    cid = definition.import_definition(db, sample)
    tables.create_tabling(db, cid, "Day one", table_size=10, seed=1)
    staff = Actor("organiser", cid, user_id=1)
    do(db, room.goto, staff, {"session_id": row(db, "select id from sessions where activity = 'timeline'")["id"]})
    people = participants.list_for(db, cid)
    actors = [Actor("participant", cid, participant_id=p["id"], group_id=p["stakeholder_group_id"]) for p in people]
    for i, a in enumerate(actors):
        for k in range(5):
            do(db, timelines.add_entry, a, {"lens": k % 3, "year": 1990 + (i * 7 + k * 5) % 34, "text": f"Event {i}-{k} in the city"})
    ids = []
    for b in range(6):
        bid = do(db, trends.add, staff, {"text": f"Trend branch {b}"})[0]["id"]
        ids.append(bid)
        for s in range(4):
            sid = do(db, trends.add, staff, {"text": f"Sub-trend {b}.{s}", "parent_id": bid})[0]["id"]
            ids.append(sid)
            do(db, trends.add, staff, {"text": f"Example {b}.{s}", "parent_id": sid, "kind": "example"})
    vote = row(db, "select id from sessions where activity = 'dot_vote'")["id"]
    for i, a in enumerate(actors):
        for k in range(5):
            do(db, dotvotes.add_dot, a, {"session_id": vote, "trend_id": ids[(i + k * 3) % len(ids)]})
    for g in {a.group_id for a in actors}:
        member = next(a for a in actors if a.group_id == g)
        for t in ids[:4]:
            do(db, trend_responses.pick, member, {"trend_id": t})
            do(db, trend_responses.write, member, {"trend_id": t, "field": "now", "text": "What we do now " * 8})
        for k in range(10):
            do(db, prouds.add, member, {"kind": "proud" if k % 2 else "sorry", "text": f"Item {k} of our group"})
    return cid, staff, actors, vote, ids


def timed(fn, runs):
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    load_handlers()
    path = Path(tempfile.mkdtemp()) / "bench.db"
    db = database.open_database(path)
    t0 = time.perf_counter()
    cid, staff, actors, vote, ids = fill(db)
    print(f"filled in {time.perf_counter() - t0:.1f} s: {len(actors)} people, "
          f"{row(db, 'select count(*) n from timeline_entries')['n']} entries, {len(trends.nodes(db, cid))} map items, "
          f"{row(db, 'select sum(count) n from dots')['n']} dots")
    base = timed(lambda: SNAPSHOT_PARTS["room"](db, actors[0]), args.runs * 20)
    print(f"baseline: room snapshot part {base:.2f} ms")
    print(f"{'part':18} {'participant ms':>15} {'staff ms':>10} {'JSON kB (staff)':>16}")
    total_p = total_s = 0
    for name in PARTS:
        fn = SNAPSHOT_PARTS[name]
        p = timed(lambda: fn(db, actors[0]), args.runs)
        s = timed(lambda: fn(db, staff), args.runs)
        total_p, total_s = total_p + p, total_s + s
        print(f"{name:18} {p:15.2f} {s:10.2f} {len(json.dumps(fn(db, staff))) / 1024:16.1f}")
    print(f"{'all six':18} {total_p:15.2f} {total_s:10.2f}   ({total_s / base:.0f}x the baseline)")

    # One dot through the pipeline (op id check, transaction, budget check, two events, ack).
    a = actors[0]
    times = []
    for _ in range(args.runs * 10):
        trend_id = int(next(iter(dotvotes.my_dots(db, vote, a.participant_id)["dots"])))
        t = time.perf_counter()
        apply(db, a, "vote.remove", {"op_id": str(uuid.uuid4()), "data": {"session_id": vote, "trend_id": trend_id}})
        apply(db, a, "vote.add", {"op_id": str(uuid.uuid4()), "data": {"session_id": vote, "trend_id": trend_id}})
        times.append((time.perf_counter() - t) * 1000)
    print(f"vote.remove + vote.add through the pipeline: median {statistics.median(times):.2f} ms for the pair")
    base_msg = timed(lambda: apply(db, staff, "room.message", {"op_id": str(uuid.uuid4()), "data": {"text": "hello"}}), args.runs * 10)
    print(f"baseline: room.message through the pipeline: median {base_msg:.2f} ms")

    # Two devices of one person, both adding dots as fast as they can.
    me = actors[1]
    db.execute("delete from dots where participant_id = ?", [me.participant_id])
    counts = {"ok": 0, "refused": 0}
    lock = threading.Lock()
    gate = threading.Barrier(2)

    def device():
        conn = database.connect(path)
        gate.wait()
        for _ in range(50):
            try:
                apply(conn, me, "vote.add", {"op_id": str(uuid.uuid4()), "data": {"session_id": vote, "trend_id": ids[0]}})
                key = "ok"
            except DomainError:
                key = "refused"
            with lock:
                counts[key] += 1

    t = time.perf_counter()
    threads = [threading.Thread(target=device) for _ in range(2)]
    [x.start() for x in threads]
    [x.join() for x in threads]
    print(f"two devices, 100 vote.add at once: {counts['ok']} placed, {counts['refused']} refused, "
          f"{dotvotes.used(db, vote, me.participant_id)} dots in the database, {(time.perf_counter() - t) * 1000:.0f} ms")
    assert MUTATIONS  # handlers loaded


if __name__ == "__main__":
    main()
