"""What a participant's phone downloads on first load, before and after the view layer.

    python benchmarks/page_weight.py [--old 954d749]

The page itself (the participant page of the sample conference, rendered by the app in-process) plus
every file it loads: its stylesheets and the ES modules reachable from static/js/participant.js
(static imports, and the current session's activity module with its own imports and stylesheet,
which the page imports as soon as it knows the session). Read from git for the old code and from the
work tree for the new. Printed: bytes as the server sends them today (it compresses nothing) and
gzip-compressed (level 6, what a compressing proxy such as nginx sends by default), per file group.
"""
from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+\.m?js)["']""")
ACTIVITY_CSS = {"timeline": "css/activities-past-present.css", "statements": "css/activities-shared-future.css",
                "action_planning": "css/activities-actions.css"}


def reader(old: str | None):
    def read(path: str) -> bytes:
        if old is None:
            return (ROOT / path).read_bytes()
        return subprocess.run(["git", "show", f"{old}:{path}"], cwd=ROOT, capture_output=True, check=True).stdout
    return read


def modules(read, entry: str) -> list[str]:
    """Every module reachable from entry (paths relative to the repository)."""
    seen, todo = [], [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.append(path)
        for spec in IMPORT.findall(read(path).decode("utf-8")):
            if spec.startswith("/static/"):
                todo.append(spec[1:])
            elif spec.startswith("."):
                todo.append(str(PurePosixPath(path).parent.joinpath(spec)).replace("/./", "/"))
                todo[-1] = str(PurePosixPath(*_normal(PurePosixPath(todo[-1]).parts)))
    return seen


def _normal(parts):
    out = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p != ".":
            out.append(p)
    return out


def participant_html() -> bytes:
    from facilitator import db as database
    from facilitator.app import create_app
    from facilitator.domain import definition
    import json

    with tempfile.TemporaryDirectory() as d:
        app = create_app(DATABASE=f"{d}/w.db", TESTING=True, SECRET_KEY="x", EXPORTS_DIR=f"{d}/exports")
        db = database.connect(app.config["DATABASE"])
        definition.import_definition(db, json.loads((ROOT / "facilitator/samples/helmond-2021.json").read_text("utf-8")))
        token = db.execute("select token from participants order by id limit 1").fetchone()[0]
        db.close()
        return app.test_client().get(f"/p/{token}?lang=nl").data


def weigh(read, activity: str, html: bytes) -> dict[str, tuple[int, int]]:
    groups = {"page (HTML)": [html], "stylesheets": [read("static/css/app.css"), read("static/css/live.css")]}
    if activity in ACTIVITY_CSS:
        groups["stylesheets"].append(read("static/" + ACTIVITY_CSS[activity]))
    shell = modules(read, "static/js/participant.js")
    act = [m for m in modules(read, f"static/js/activities/{activity}.js") if m not in shell]
    vendor = [m for m in shell if "/vendor/" in m]
    groups["vendor (socket.io, preact, htm)"] = [read(m) for m in vendor]
    groups["own modules (shell)"] = [read(m) for m in shell if m not in vendor]
    groups[f"activity modules ({activity})"] = [read(m) for m in act]
    return {k: (sum(len(b) for b in v), sum(len(gzip.compress(b, 6)) for b in v), len(v)) for k, v in groups.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", default="954d749", help="the commit before the view layer")
    args = ap.parse_args()
    html = participant_html()
    for activity in ("notes", "timeline", "statements", "action_planning"):
        print(f"\nParticipant page, first load, current session: {activity}")
        print(f"{'':34} {'old: files':>10} {'raw KB':>8} {'gzip KB':>8}   {'new: files':>10} {'raw KB':>8} {'gzip KB':>8}")
        old, new = weigh(reader(args.old), activity, html), weigh(reader(None), activity, html)
        for k in new:
            o, n = old.get(k, (0, 0, 0)), new[k]
            print(f"{k:34} {o[2]:10d} {o[0] / 1024:8.1f} {o[1] / 1024:8.1f}   {n[2]:10d} {n[0] / 1024:8.1f} {n[1] / 1024:8.1f}")
        to, tn = [sum(v[i] for v in old.values()) for i in (0, 1)], [sum(v[i] for v in new.values()) for i in (0, 1)]
        print(f"{'total':34} {'':10} {to[0] / 1024:8.1f} {to[1] / 1024:8.1f}   {'':10} {tn[0] / 1024:8.1f} {tn[1] / 1024:8.1f}")


if __name__ == "__main__":
    main()
