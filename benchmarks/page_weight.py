"""What a phone downloads for the participant page, and how soon it paints: old code beside new.

    python benchmarks/page_weight.py [--old f8fbc6b,d244bb4] [--runs 3]

Every tree is served for real (``python run.py`` on a free port and a fresh database with the
demo conference): each old commit from ``git archive`` in a temporary folder, the new from the work
tree. The defaults: f8fbc6b, before issue 18 (nothing compressed, no caching), and d244bb4, the
baseline of the per-page catalogue and the precompressed files (Flask-Compress at brotli 5, one
script catalogue for every page). The new server keeps its precompressed files in a fresh folder, so
its first phone is a fresh release's first (timed: "fresh server, first phone load"). Headless Chromium (Playwright, /usr/bin/chromium) measures, through the DevTools protocol:

- first load: a fresh browser profile opens the page and waits until the network is idle; the number
  of HTTP responses and the bytes they took on the wire (Network.loadingFinished's
  encodedDataLength: headers and body as sent, compressed or not). The Socket.IO WebSocket's frames
  are not counted (the same in both);
- reload: the same page reloaded in the same profile (what a phone that lost its tab moves again);
- first contentful paint under Network.emulateNetworkConditions, on a fresh profile, for two
  profiles: "slow 3G" as the issue states it (400 kbit/s down and up, 400 ms latency) and Chrome
  DevTools' own "Slow 3G" preset (500 kbit/s x 0.8 = 400 kbit/s down and up, latency 400 ms x 5 =
  2,000 ms per request);
- the cockpit's and the projector's first load (the cockpit after signing in, with the cache
  cleared).

Each server first serves one phone, cockpit and projector, not measured but the phone's load timed
(as a server in a conference has served them); then every figure is taken ``--runs`` times, printed
as the median with the range (min-max).
"""
from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
ADMIN = {"FACILITATOR_ADMIN_PASSWORD": "correct horse battery", "FACILITATOR_ADMIN_EMAIL": "admin@example.org"}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
KBIT = 1000 / 8  # bytes per second in a kbit/s
PROFILES = {
    "slow 3G as the issue states it (400 kbit/s, 400 ms)": {"latency": 400, "downloadThroughput": 400 * KBIT,
                                                           "uploadThroughput": 400 * KBIT},
    "DevTools' Slow 3G preset (400 kbit/s, 2,000 ms)": {"latency": 400 * 5, "downloadThroughput": 500 * KBIT * 0.8,
                                                       "uploadThroughput": 500 * KBIT * 0.8},
}
TARGETS = {"participant first load": "< 60 kB", "participant reload": "< 10 kB"}


class Server:
    """``python run.py`` from ``tree`` on a socket bound here first (FACILITATOR_LISTEN_FD)."""

    def __init__(self, tree: Path, tmp: Path):
        self.tree, self.db = tree, str(tmp / "bench.db")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(128)
        sock.set_inheritable(True)
        env = {**os.environ, **ADMIN, "PYTHONPATH": str(tree), "FACILITATOR_SECRET_KEY": "bench",
               "FACILITATOR_EXPORTS": str(tmp / "exports"), "FACILITATOR_LISTEN_FD": str(sock.fileno()),
               "FACILITATOR_STATIC_COMPRESSED": str(tmp / "compressed")}
        self.log = open(tmp / "server.log", "ab")
        self.proc = subprocess.Popen([sys.executable, "run.py", "--port", str(self.port), "--db", self.db], cwd=tree,
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT, pass_fds=[sock.fileno()])
        sock.close()
        requests.get(self.url + "/healthz", timeout=120).raise_for_status()

    def one(self, sql: str):
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchone()[0]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def old_tree(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into)
    return into


class Wire:
    """HTTP responses that came over the network and their bytes, from the DevTools protocol (a
    response served from the browser's cache is not counted)."""

    def __init__(self, cdp):
        self.cdp, self.cached = cdp, set()
        self.reset()
        cdp.send("Network.enable")
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", lambda e: self.failed.append(e.get("errorText")))

    def _response(self, e):
        r = e["response"]
        if r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker"):
            self.cached.add(e["requestId"])
        headers = {k.lower(): v for k, v in r.get("headers", {}).items()}
        self.length[e["requestId"]] = int(headers.get("content-length") or 0)
        self.urls[e["requestId"]] = r.get("url", "?")

    def _finished(self, e):
        if e["requestId"] not in self.cached:
            self.responses += 1
            self.bytes += e.get("encodedDataLength", 0)
            self.body += self.length.get(e["requestId"], 0)
            self.rows.append((self.urls.get(e["requestId"], "?"), e.get("encodedDataLength", 0),
                              self.length.get(e["requestId"], 0)))

    def reset(self):
        self.responses, self.bytes, self.body, self.failed, self.length = 0, 0, 0, [], {}
        self.rows, self.urls = [], {}


def load(browser, url: str, reload: bool = False, before=None, rows=None):
    """((responses, bytes, header bytes) of the first load, (responses, bytes) of a reload or None);
    ``rows``, a list, gets the first load's (url, bytes on the wire, body bytes) per response."""
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        if before:
            before(page)
        wire = Wire(ctx.new_cdp_session(page))
        if before:
            wire.cdp.send("Network.clearBrowserCache")
        page.goto(url, wait_until="networkidle")
        first = (wire.responses, wire.bytes, wire.bytes - wire.body)
        if rows is not None:
            rows.extend(wire.rows)
        again = None
        if reload:
            wire.reset()
            page.reload(wait_until="networkidle")
            again = (wire.responses, wire.bytes)
        return first, again
    finally:
        ctx.close()


def first_paint(browser, url: str, conditions: dict) -> float:
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **conditions})
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=120_000)
        return page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
    finally:
        ctx.close()


def sign_in(base: str):
    def go(page):
        page.goto(base + "/login?lang=en")
        page.get_by_label("E-mail address").fill(ADMIN["FACILITATOR_ADMIN_EMAIL"])
        page.get_by_label("Password").fill(ADMIN["FACILITATOR_ADMIN_PASSWORD"])
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Your conferences").wait_for()
    return go


def measure(browser, server: Server, runs: int) -> dict[str, list[float]]:
    token = server.one("select token from participants order by id limit 1")
    key = server.one("select presenter_key from conferences order by id limit 1")
    cid = server.one("select id from conferences order by id limit 1")
    phone = f"{server.url}/p/{token}?lang=nl"
    out: dict[str, list[float]] = {}

    def put(name, value):
        out.setdefault(name, []).append(value)

    # One phone first, not measured but timed: a server in a conference has served its files before
    # (the new code compresses each file at its best in the background after its first request, and
    # keeps it).
    started = time.perf_counter()
    (_n, weight, _h), _ = load(browser, phone)
    put("fresh server, first phone load (once)", time.perf_counter() - started)
    put("fresh server, first phone load: bytes (once)", weight / 1000)
    for _ in range(5):  # the new server makes its files at their best in the background: until two loads weigh the same
        (_n, again, _h), _ = load(browser, phone)
        if again == weight:
            break
        weight = again
    load(browser, f"{server.url}/organiser/c/{cid}/cockpit/?lang=nl", before=sign_in(server.url))
    load(browser, f"{server.url}/present/{key}?lang=nl")

    for _ in range(runs):
        (n1, b1, h1), (n2, b2) = load(browser, phone, reload=True)
        put("participant first load: responses", n1)
        put("participant first load", b1 / 1000)
        put("participant first load: of which response headers", h1 / 1000)
        put("participant reload: responses", n2)
        put("participant reload", b2 / 1000)
        for name, conditions in PROFILES.items():
            put(f"first paint, {name}", first_paint(browser, phone, conditions))
        (n, b, _h), _ = load(browser, f"{server.url}/present/{key}?lang=nl")
        put("projector first load: responses", n)
        put("projector first load", b / 1000)
        (n, b, _h), _ = load(browser, f"{server.url}/organiser/c/{cid}/cockpit/?lang=nl", before=sign_in(server.url))
        put("cockpit first load: responses", n)
        put("cockpit first load", b / 1000)
    return out


def spread(values: list[float], unit: str) -> str:
    m = statistics.median(values)
    fmt = (lambda v: f"{v:.0f}") if unit == "" else (lambda v: f"{v:.1f}") if unit == "kB" else (lambda v: f"{v:.2f}")
    return f"{fmt(m)} ({fmt(min(values))}-{fmt(max(values))}){' ' + unit if unit else ''}"


def list_responses() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        server = Server(ROOT, Path(tmp))
        try:
            phone = f"{server.url}/p/{server.one('select token from participants order by id limit 1')}?lang=nl"
            (_n, weight, _h), _ = load(browser, phone)  # the server's first phone: files compressed and kept
            for _ in range(5):  # until the files made at their best in the background are all in
                rows = []
                (_n, again, _h), _ = load(browser, phone, rows=rows)
                if again == weight:
                    break
                weight = again
        finally:
            server.stop()
        browser.close()
    print(f"{'on the wire':>12} {'headers':>8}  response")
    for url, wire, body in sorted(rows, key=lambda r: -r[1]):
        print(f"{wire:12d} {wire - body:8d}  {url.split(server.url, 1)[-1]}")
    print(f"{sum(r[1] for r in rows):12d} {sum(r[1] - r[2] for r in rows):8d}  {len(rows)} responses")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", default="f8fbc6b,d244bb4",
                    help="the commits to compare with, comma-separated (default: before issue 18; before the "
                         "per-page catalogue and the precompressed files)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--responses", action="store_true",
                    help="only list the work tree's participant page responses (bytes on the wire, of them headers)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    if args.responses:
        return list_responses()

    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        trees = [(commit, old_tree(commit, Path(tmp, f"old-{commit}"))) for commit in args.old.split(",")]
        for label, tree in (*trees, ("new", ROOT)):
            work = Path(tmp, f"run-{label}")
            work.mkdir()
            server = Server(tree, work)
            try:
                results[label] = measure(browser, server, args.runs)
            finally:
                server.stop()
        browser.close()
    print(f"\nParticipant page (sample conference, Dutch, phone 390 px); median (min-max) of {args.runs} runs")
    labels = list(results)
    print(f"{'':62} " + " ".join(f"{('old ' + k) if k != 'new' else k:>24}" for k in labels) + "  target")
    for name in results["new"]:
        unit = ("" if name.endswith("responses") else "kB" if "bytes" in name
                else "s" if name.startswith(("first paint", "fresh")) else "kB")
        target = TARGETS.get(name, "< 2 s" if name.startswith("first paint") else "")
        print(f"{name:62} " + " ".join(f"{spread(results[k][name], unit):>24}" for k in labels) + f"  {target}")


if __name__ == "__main__":
    main()
