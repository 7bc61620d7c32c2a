"""How long the full Word report takes for a big conference, against baselines in the same run.

    python benchmarks/export_report.py [--runs 5]

A conference of 75 participants (the Helmond sample), 2,000 notes, 40 trends, 12 goals with 60
actions, and generated rows in every other table that exists (tests/export_data.py). Baselines:
the same export of an empty conference (the fixed cost), and a plain python-docx document with the
same number of paragraphs and table rows (what python-docx itself costs). Also the plan, the JSON
backup and the CSV zip. Figures go to docs/performance.md ("Word export").
"""
from __future__ import annotations

import argparse
import io
import os
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docx import Document  # noqa: E402

from export_data import fill_conference, make_plan  # noqa: E402
from facilitator import db as database  # noqa: E402
from facilitator.domain import conferences, definition, tables  # noqa: E402
from facilitator.export import backup, csv_export, docx_report  # noqa: E402

SAMPLE = ROOT / "facilitator" / "samples" / "helmond-2021.json"


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    """Median and worst wall-clock time, median CPU time (steadier on a shared, busy machine)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), max(times), statistics.median(cpu), result


def build(db) -> int:
    cid = definition.import_definition(db, json.loads(SAMPLE.read_text("utf-8")))
    tables.create_tabling(db, cid, "Mixed tables")
    make_plan(db, cid, n_goals=12, actions_per_goal=5)
    fill_conference(db, cid, counts={"notes": 2000, "trends": 40, "dots": 300, "timeline_entries": 225,
                                     "statement_answers": 300, "prouds": 60, "trend_responses": 30,
                                     "note_clusters": 30, "scenarios": 8, "scenario_features": 40}, default=3)
    # generated notes are live ones: not merged, hidden or deleted
    db.execute("update notes set merged_into = null, hidden = 0, deleted = 0 where conference_id = ?", [cid])
    # a real dot vote: every participant places 5 dots on the main trends of the programme's dot-vote session
    rng = random.Random(3)
    session = db.execute("select id from sessions where conference_id = ? and activity = 'dot_vote'", [cid]).fetchone()[0]
    db.execute("insert or ignore into dot_votes (session_id, conference_id) values (?, ?)", [session, cid])
    trends = [r[0] for r in db.execute("select id from trends where conference_id = ? and parent_id is null", [cid])]
    for (pid,) in db.execute("select id from participants where conference_id = ?", [cid]).fetchall():
        for tid in rng.sample(trends, min(5, len(trends))):
            db.execute("insert or ignore into dots (session_id, participant_id, trend_id, count) values (?, ?, ?, 1)",
                       [session, pid, tid])
    return cid


def plain_document(paragraphs: int, table_rows: int) -> bytes:
    doc = Document()
    for i in range(paragraphs):
        doc.add_paragraph(f"paragraph {i} with a few words of text")
    t = doc.add_table(rows=1, cols=4)
    for i in range(table_rows):
        for c in t.add_row().cells:
            c.text = f"cell {i}"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db = database.open_database(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        cid = build(db)
        setup = time.perf_counter() - start
        counts = {name: db.execute(f"select count(*) from {backup.q(name)} where {backup._owner_filter(backup.schema(db), name)}",
                                   {"cid": cid}).fetchone()[0]
                  for name in ("participants", "notes", "trends", "goals", "actions", "dots", "timeline_entries")}
        empty = conferences.create(db, {"title": "Empty", "language": "nl"})

        report = timed(lambda: docx_report.render(db, cid, "report"), args.runs)
        doc = Document(io.BytesIO(report[3]))
        n_par, n_rows = len(doc.paragraphs), sum(len(t.rows) for t in doc.tables)
        rows = [
            ("full report (docx)", report, len(report[3])),
            ("action plan (docx)", *[timed(lambda: docx_report.render(db, cid, "plan"), args.runs)], None),
            ("baseline: report of an empty conference", timed(lambda: docx_report.render(db, empty, "report"), args.runs), None),
            (f"baseline: plain python-docx, {n_par} paragraphs + {n_rows} table rows",
             timed(lambda: plain_document(n_par, n_rows), args.runs), None),
            ("JSON backup", timed(lambda: backup.dumps(backup.export_backup(db, cid)).encode(), args.runs), None),
            ("CSV zip", timed(lambda: csv_export.zip_bytes(db, cid), args.runs), None),
        ]
    print(f"Python {platform.python_version()}, {platform.machine()}, median of {args.runs} runs; setup {setup:.1f} s")
    print("conference: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"report: {n_par} paragraphs, {n_rows} table rows, {len(doc.tables)} tables, {len(doc.inline_shapes)} image(s)")
    print(f"load average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(f"{'export':<70} {'median s':>9} {'max s':>7} {'cpu s':>7} {'size kB':>8}")
    for label, (median, worst, cpu, result), size in rows:
        size = len(result) if isinstance(result, (bytes, str)) else size
        print(f"{label:<70} {median:>9.3f} {worst:>7.3f} {cpu:>7.3f} {(size or 0) / 1024:>8.0f}")


if __name__ == "__main__":
    main()
