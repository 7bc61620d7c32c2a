"""Time per live update of the view layer against the code before it, in the same Chromium run.

    python benchmarks/render.py [--runs 3] [--updates 10] [--old 954d749]

Both versions of static/ (the old one from git, `git archive <old>`; the new one from the work tree)
are served from one local HTTP server on 127.0.0.1; benchmarks/render_harness.mjs mounts, in each, a
board of 2,000 sticky notes (the cockpit's, with its tools) and a wall of 500 timeline entries, and
times one live update after another (a new note, a new entry): event in -> reducers -> view ->
layout. Printed: the median and the 90th percentile per update, the mount time and the DOM size,
for each of the runs (a fresh page each), old beside new, and the spread over the runs.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGE = """<!doctype html><html lang="en" data-variant="{variant}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/{variant}/static/css/app.css"><link rel="stylesheet" href="/{variant}/static/css/live.css">
<link rel="stylesheet" href="/{variant}/static/css/activities-past-present.css"></head>
<body><script type="module" src="/harness.mjs"></script></body></html>"""


def build(tmp: Path, old: str) -> None:
    archive = subprocess.run(["git", "archive", old, "static"], cwd=ROOT, capture_output=True, check=True).stdout
    (tmp / "old").mkdir()
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(tmp / "old")
    shutil.copytree(ROOT / "static", tmp / "new" / "static")
    shutil.copy(ROOT / "benchmarks" / "render_harness.mjs", tmp / "harness.mjs")
    for variant in ("old", "new"):
        (tmp / f"{variant}.html").write_text(PAGE.format(variant=variant))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def guess_type(self, path):
        return "text/javascript" if str(path).endswith((".js", ".mjs")) else super().guess_type(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--updates", type=int, default=10)
    ap.add_argument("--old", default="954d749", help="the commit before the view layer")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        build(tmp, args.old)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        results: dict[tuple[str, str], list[dict]] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
            for run in range(args.runs):
                for variant in ("old", "new"):  # alternate, so a busy moment of the machine hits both
                    page = browser.new_page(viewport={"width": 1366, "height": 900})
                    page.goto(f"{url}/{variant}.html")
                    page.wait_for_function("typeof window.runBenchmark === 'function'")
                    for r in page.evaluate(f"window.runBenchmark({args.updates})"):
                        results.setdefault((r["name"], variant), []).append(r)
                    page.close()
            browser.close()
        server.shutdown()

    print(f"Chromium, {args.runs} runs x {args.updates} updates; old = {args.old}, new = work tree")
    print(f"{'scenario':42} {'code':4} {'median ms/update (each run)':32} {'p90':>6} {'mount ms':>9} {'DOM nodes':>9}")
    for name in dict.fromkeys(k[0] for k in results):
        for variant in ("old", "new"):
            rs = results[(name, variant)]
            medians = [r["medianMs"] for r in rs]
            print(f"{name:42} {variant:4} {' / '.join(f'{m:6.2f}' for m in medians):32} {statistics.median(r['p90Ms'] for r in rs):6.2f}"
                  f" {statistics.median(r['mountMs'] for r in rs):9.1f} {rs[0]['nodes']:9d}")
        old = statistics.median(r["medianMs"] for r in results[(name, "old")])
        new = statistics.median(r["medianMs"] for r in results[(name, "new")])
        spread = max(r["medianMs"] for r in results[(name, "new")]) - min(r["medianMs"] for r in results[(name, "new")])
        print(f"{'':42} new/old = {new / old:.2f} (median of medians {new:.2f} vs {old:.2f} ms; spread of new over runs {spread:.2f} ms)")


if __name__ == "__main__":
    sys.exit(main())
