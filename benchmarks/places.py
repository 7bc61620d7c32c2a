"""How long "where the plan lands" takes, against baselines in the same run.

    python benchmarks/places.py [--runs 3]

The Helmond sample (75 people, 11 neighbourhoods) with 8 indicators over 3 years for every
neighbourhood (264 values), boundaries for all 11, 12 goals with 60 actions tagged with one or two
neighbourhoods and 60 progress updates. Measured: monitor() (baseline: plan(), which it reads), the
monitoring page over HTTP (baseline: the shared plan page), the Word action plan with the section
(baseline: the same plan without it) and an import of the 264-value CSV (checked whole, then stored).
Median, fastest and slowest of the runs (wall clock).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from facilitator import db as database  # noqa: E402
from facilitator.app import create_app  # noqa: E402
from facilitator.domain import actions, cafe, definition, goals, indicators, monitor, progress, users  # noqa: E402
from facilitator.domain import plan as plan_module  # noqa: E402
from facilitator.domain.events import Actor  # noqa: E402
from facilitator.export import docx_report  # noqa: E402

SAMPLE = ROOT / "facilitator" / "samples" / "helmond-2021.json"
INDICATORS = ("MDI", "Housing", "Work", "Living environment", "Education", "Income", "Safety", "Health")


def build(db) -> tuple[int, str]:
    rng = random.Random(3)
    cid = definition.import_definition(db, json.loads(SAMPLE.read_text("utf-8")))
    names = json.loads(db.execute("select neighbourhoods from conferences where id = ?", [cid]).fetchone()[0])
    staff = Actor("organiser", cid)
    for g in range(12):
        goal = goals.create(db, staff, {"title": f"Goal {g}", "themes": [rng.choice(goals.PROSPERITY_THEMES)]})[0]["goal"]
        for a in range(5):
            action = actions.create(db, staff, {"goal_id": goal["id"], "what": f"Action {g}.{a}",
                                                "neighbourhoods": rng.sample(names, rng.randint(1, 2))})[0]["action"]
            progress.post_update(db, staff, {"action_id": action["id"], "done": "Something done",
                                             "status": rng.choice(progress.STATUSES)})
    lines = ["neighbourhood,indicator,year,value"]
    for n in names:
        for ind in INDICATORS:
            for year in (2014, 2019, 2023):
                lines.append(f"{n},{ind},{year},{rng.random():.3f}")
    features = []
    for i, n in enumerate(names):
        x, y = 5.60 + (i % 4) * 0.03, 51.45 + (i // 4) * 0.03
        features.append({"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Polygon", "coordinates": [
            [[x, y], [x + 0.028, y], [x + 0.028, y + 0.028], [x, y + 0.028], [x, y]]]}})
    indicators.import_boundaries(db, cid, json.dumps({"type": "FeatureCollection", "features": features}))
    return cid, "\n".join(lines) + "\n"


def timed(fn, runs: int) -> str:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return f"median {statistics.median(times):7.1f} ms  (fastest {min(times):.1f}, slowest {max(times):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        app = create_app(DATABASE=path, TESTING=True, SECRET_KEY="bench", EXPORTS_DIR=str(Path(tmp) / "exports"))
        db = database.connect(path)
        cid, csv_text = build(db)
        print("import 264 values:      ", timed(lambda: indicators.import_csv(db, cid, csv_text, replace=True), runs))
        users.create_or_update(db, "bench@example.org", "correct horse battery", "Bench", is_admin=True)
        cafe.update_settings(db, cid, plan_public=True)
        key = cafe.settings(db, cid)["plan_key"]
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.org", "password": "correct horse battery"})
        print("plan() (baseline):      ", timed(lambda: plan_module.plan(db, cid), runs))
        print("monitor():              ", timed(lambda: monitor.monitor(db, cid), runs))
        print("shared plan page (base):", timed(lambda: client.get(f"/plan/{key}"), runs))
        print("monitoring page:        ", timed(lambda: client.get(f"/organiser/c/{cid}/monitor"), runs))
        print("public monitoring page: ", timed(lambda: client.get(f"/plan/{key}/places"), runs))
        with_section = docx_report.PLAN
        without = [s for s in with_section if s is not docx_report.where_plan_lands]
        docx_report.SECTIONS["plan"] = without
        print("Word plan without (base):", timed(lambda: docx_report.render(db, cid, "plan"), runs))
        docx_report.SECTIONS["plan"] = with_section
        print("Word plan with section: ", timed(lambda: docx_report.render(db, cid, "plan"), runs))
        size = len(client.get(f"/organiser/c/{cid}/monitor").data)
        print(f"monitoring page size:    {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
