"""Live fan-out: Facilitator beside a bare Flask-SocketIO relay and a bare Node socket.io server.

Every scenario runs against three servers on 127.0.0.1 with the same Node load generator:
Facilitator (the full pipeline: validation, SQLite transaction, event log, coalesced fan-out),
benchmarks/relay_server.py (bare Flask-SocketIO on the same gevent stack: no validation, no storage,
one message per change per client) and benchmarks/node_server.mjs (the same as a bare Node socket.io
server: the reference the targets are ratios against). Each figure is measured three times
(servers interleaved, so a change in the machine's load hits all three alike); the summary prints
the median and the spread, the ratios against Node and each target's pass or fail.

Scenarios (``kind:N:rate``):
- ``notes:N:R``: N participants connected, K = 40 of them post notes at R notes/s in all for
  --duration seconds; latency from posting to each other client having the note.
- ``vote:N:W``: every one of N participants answers a statement (live results) once, at a random
  moment within W seconds; latency from each answer to every screen having its results event.
Resident memory (VmRSS) of the server is read before the clients connect and once they all have.

The load generator is Node (socket.io-client and socket.io from the npm registry, installed on first
use into ~/.cache/facilitator-bench) split over several processes, so it is not the bottleneck.

    python benchmarks/fanout.py                      # the issue-18 targets, about 10 minutes quiet
    python benchmarks/fanout.py --quick              # development: 300 participants, 3 s, one run each
    python benchmarks/fanout.py --scenarios notes:100:10 --only facilitator,node --repeat 1
    python benchmarks/fanout.py --workers 2 --scenarios notes:1000:40   # Facilitator as 2 processes with redis

With ``--workers`` above 1, Facilitator runs as that many single-worker servers on one database
with a redis-server between them (started here on a free port, docs/deploy.md); the clients are
spread over the workers as a sticky proxy would (no proxy in between: nginx only adds its hop).
Deliveries out of order (an event after a higher seq on the same connection) are counted; they must be 0.

Every run stops by itself (duration + a few seconds of drain); servers are stopped afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
NODE_DEPS = Path(os.environ.get("FACILITATOR_BENCH_NODE", Path.home() / ".cache" / "facilitator-bench"))
SOCKET_IO_CLIENT = "socket.io-client@4.8.1"
SOCKET_IO_SERVER = "socket.io@4.8.1"
SERVERS = ("facilitator", "relay", "node")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def node_modules() -> Path:
    modules = NODE_DEPS / "node_modules"
    wanted = [pkg for name, pkg in (("socket.io-client", SOCKET_IO_CLIENT), ("socket.io", SOCKET_IO_SERVER))
              if not (modules / name).exists()]
    if wanted:
        NODE_DEPS.mkdir(parents=True, exist_ok=True)
        print(f"installing {' '.join(wanted)} into {NODE_DEPS} (npm, once)", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DEPS), *wanted],
                       check=True, stdout=subprocess.DEVNULL)
    return modules


def wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited:\n" + log.read_text())
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError("server did not start:\n" + log.read_text())


def prepare_facilitator(tmp: Path, n: int) -> tuple[Path, list[str]]:
    """A database with the demo conference, n participants, the whole-room trend map running, input open."""
    sys.path.insert(0, str(ROOT))
    from facilitator import db as database
    from facilitator import server
    from facilitator.domain import participants

    path = tmp / "bench.db"
    db = database.open_database(path)
    os.environ.setdefault("FACILITATOR_ADMIN_PASSWORD", "benchmark password")
    server.bootstrap(db)
    cid = db.execute("select id from conferences").fetchone()[0]
    have = db.execute("select count(*) from participants").fetchone()[0]
    for i in range(have, n):
        participants.add(db, cid, {"name": f"Bench participant {i}"})
    session = db.execute("select id from sessions where conference_id = ? and activity = 'trend_map'", [cid]).fetchone()[0]
    db.execute("update conferences set current_session_id = ? where id = ?", [session, cid])
    db.execute("insert into room_state (conference_id, input_open, updated_at) values (?, 1, '')", [cid])
    tokens = [r[0] for r in db.execute("select token from participants where conference_id = ? order by id limit ?", [cid, n])]
    statement = open_statement(db, cid)
    db.close()
    return path, tokens, statement


def open_statement(db, cid: int) -> int:
    """A statement open for answers with live results (the vote scenario)."""
    from facilitator.db import transaction
    from facilitator.domain import statements
    from facilitator.domain.events import Actor

    uid = db.execute("select id from users order by id limit 1").fetchone()[0]
    staff = Actor(role="organiser", conference_id=cid, user_id=uid)
    with transaction(db):
        sid = statements.add(db, staff, {"text": "Benchmark: we vote together"})[0]["id"]
    with transaction(db):
        statements.put_up(db, staff, {"ids": [sid], "results": "live"})
    return sid


def start_redis(tmp: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(port), "--bind",
                             "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp)],
                            stdout=open(tmp / "redis.log", "ab"), stderr=subprocess.STDOUT)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def start_server(mode: str, tmp: Path, n: int, tick_ms: int | None, workers: int = 1, per_connection_us: float | None = None):
    """The server(s): a list of processes (workers, then redis-server when there are several), their URLs, tokens."""
    env = {**os.environ}
    procs, urls = [], []
    statement = 1
    if mode == "facilitator":
        db_path, tokens, statement = prepare_facilitator(tmp, n)
        if tick_ms is not None:
            env["FACILITATOR_LIVE_TICK_MS"] = str(tick_ms)
        if per_connection_us is not None:
            env["FACILITATOR_LIVE_PER_CONNECTION_US"] = str(per_connection_us)
        extra = []
        if workers > 1:
            redis_proc, env["FACILITATOR_MESSAGE_QUEUE"] = start_redis(tmp)
            extra = [redis_proc]
        for i in range(workers):
            port = free_port()
            args = [sys.executable, str(ROOT / "run.py"), "--host", "127.0.0.1", "--port", str(port), "--db", str(db_path)]
            procs.append(subprocess.Popen(args, cwd=ROOT, env=env, stdout=open(tmp / f"worker{i}.log", "ab"),
                                          stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        procs += extra
    else:
        tokens = [f"{mode}-{i}" for i in range(n)]
        port = free_port()
        args = ([sys.executable, str(HERE / "relay_server.py"), str(port)] if mode == "relay"
                else ["node", str(HERE / "node_server.mjs"), str(port), str(node_modules())])
        procs.append(subprocess.Popen(args, cwd=ROOT, env=env, stdout=open(tmp / f"{mode}.log", "ab"),
                                      stderr=subprocess.STDOUT))
        urls.append(f"http://127.0.0.1:{port}")
    for i, url in enumerate(urls):
        wait_healthy(url, procs[i], tmp / (f"worker{i}.log" if mode == "facilitator" else f"{mode}.log"))
    return procs, urls, tokens, statement


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to compare work done under a noisy load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def histogram_percentile(histogram: dict, p: float) -> float:
    total = sum(histogram.values())
    if not total:
        return float("nan")
    rank, seen = (total - 1) * p / 100, 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen > rank:
            return float(ms)
    return float(max(histogram))


def run_scenario(mode: str, scenario: tuple, args, modules: Path, server_workers: int = 1) -> dict:
    kind, n, rate = scenario
    duration = args.duration if kind == "notes" else rate  # a vote: everyone within `rate` seconds
    tmp = Path(tempfile.mkdtemp(prefix=f"fanout-{mode}-"))
    procs, urls, tokens, statement = start_server(mode, tmp, n, args.tick_ms, server_workers, args.per_connection_us)
    servers = procs[:server_workers] if mode == "facilitator" else procs
    url = ",".join(urls)
    workers = []
    try:
        rss_idle = sum(rss_kb(p.pid) for p in servers)
        posters = min(args.posters, n) if kind == "notes" else 0
        per_worker = [tokens[i::args.generators] for i in range(args.generators)]
        poster_split = [len(range(i, posters, args.generators)) for i in range(args.generators)]
        for i, chunk in enumerate(per_worker):
            tokens_file = tmp / f"tokens-{i}.json"
            tokens_file.write_text(json.dumps(chunk))
            workers.append(subprocess.Popen(
                ["node", str(HERE / "fanout_client.mjs"), f"--url={url}", f"--tokens={tokens_file}",
                 f"--modules={modules}", f"--posters={poster_split[i]}",
                 f"--rate_per_poster={rate / posters if posters else 0}", f"--mode={kind}", f"--statement={statement}",
                 f"--duration={duration}", f"--drain={args.drain}", f"--worker={i}", f"--lean={int(args.lean)}"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for w in workers:
            line = w.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"worker failed: {line}")
        time.sleep(1.5)  # let the connection burst (and the cockpit's presence updates) settle
        rss_connected = sum(rss_kb(p.pid) for p in servers)
        cpu_before = sum(cpu_seconds(p.pid) for p in procs)
        for w in workers:
            w.stdin.write("go\n")
            w.stdin.flush()
        results = [json.loads(w.stdout.readline()) for w in workers]
        server_cpu = sum(cpu_seconds(p.pid) for p in procs) - cpu_before  # before the disconnects: only the posting counts
        histogram, got, missing = {}, 0, 0
        if kind == "vote":
            votes_file = tmp / "votes.json"
            votes_file.write_text(json.dumps([v for r in results for v in r["votes"]]))
            for w in workers:
                w.stdin.write(f"votes {votes_file}\n")
                w.stdin.flush()
            for w in workers:
                part = json.loads(w.stdout.readline())
                got += part["got"]
                missing += part["missing"]
                for ms, count in part["histogram"].items():
                    histogram[int(ms)] = histogram.get(int(ms), 0) + count
        for w in workers:
            w.stdin.write("quit\n")
            w.stdin.flush()
    finally:
        for w in workers:
            if w.poll() is None:
                try:
                    w.wait(10)
                except subprocess.TimeoutExpired:
                    w.kill()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    acked = sum(r["acked"] for r in results)
    messages = sum(r.get("messages", 0) for r in results)
    if kind == "vote":
        delivered, expected = got, acked * n
        p50, p99 = histogram_percentile(histogram, 50), histogram_percentile(histogram, 99)
        worst = float(max(histogram)) if histogram else float("nan")
    else:
        latencies = sorted(x for r in results for x in r["latencies"])
        delivered, expected = sum(r["delivered"] for r in results), acked * (n - 1)
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        worst = latencies[-1] if latencies else float("nan")
    acks = sorted(x for r in results for x in r["ackTimes"])
    return {
        "mode": mode, "workers": server_workers, "kind": kind, "n": n, "rate": rate,
        "messages": messages, "messages_per_client_s": messages / n / duration,
        "out_of_order": sum(r.get("outOfOrder", 0) for r in results), "sent": sum(r["sent"] for r in results),
        "acked": acked, "refused": sum(r["refused"] for r in results), "delivered": delivered, "expected": expected,
        "p50": p50, "p99": p99, "max": worst, "ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99),
        "server_cpu_s": server_cpu,
        "cpu_us_per_message": server_cpu / messages * 1e6 if messages else float("nan"),
        "cpu_us_per_delivery": server_cpu / delivered * 1e6 if delivered else float("nan"),
        "rss_idle_mb": rss_idle / 1024, "rss_connected_mb": rss_connected / 1024,
        "kb_per_connection": (rss_connected - rss_idle) / n,
        "load": os.getloadavg()[0],
    }


def label(scenario: tuple) -> str:
    kind, n, rate = scenario
    return f"{n} x {rate:g} notes/s" if kind == "notes" else f"vote by {n} within {rate:g} s"


def report(r: dict) -> str:
    return (f"  {r['mode']:<11} W={r['workers']} {label((r['kind'], r['n'], r['rate'])):<24} p50 {r['p50']:7.1f} ms  "
            f"p99 {r['p99']:7.1f} ms  max {r['max']:7.1f} ms  acked {r['acked']}/{r['sent']}  "
            f"delivered {r['delivered']}/{r['expected']}  server CPU {r['server_cpu_s']:.2f} s = "
            f"{r['cpu_us_per_message']:.1f} us/message written ({r['messages_per_client_s']:.1f} msgs/client/s, "
            f"{r['cpu_us_per_delivery']:.2f} us/delivery)  out of order {r['out_of_order']}  "
            f"RSS {r['rss_idle_mb']:.0f} -> {r['rss_connected_mb']:.0f} MB  load {r['load']:.1f}")


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    values = [v for v in values if v == v]
    if not values:
        return "n/a"
    med = statistics.median(values)
    return fmt.format(med) + (f" [{fmt.format(min(values))}-{fmt.format(max(values))}]" if len(values) > 1 else "")


def summary(results: list[dict], scenarios: list[tuple], modes: list[str]) -> list[str]:
    """The table: per scenario and server the median [min-max] of the runs, the ratios against Node,
    and each target of issue 18 with yes/no."""
    out = ["", "# summary: median [min-max] over the runs; ratio = Facilitator's median / Node's median", "",
           "| scenario | server | runs | p50 ms | p99 ms | CPU us / message written | msgs/client/s | all delivered, in order |",
           "|---|---|--:|--:|--:|--:|--:|---|"]
    med = {}
    for sc in scenarios:
        for mode in modes:
            rs = [r for r in results if (r["kind"], r["n"], r["rate"]) == sc and r["mode"] == mode]
            if not rs:
                continue
            complete = all(r["delivered"] == r["expected"] and r["acked"] == r["sent"] and not r["out_of_order"] for r in rs)
            med[sc, mode] = {k: statistics.median([r[k] for r in rs]) for k in ("p50", "p99", "cpu_us_per_message")}
            med[sc, mode]["complete"] = complete
            out.append(f"| {label(sc)} | {mode} | {len(rs)} | {spread([r['p50'] for r in rs])} | {spread([r['p99'] for r in rs])} "
                       f"| {spread([r['cpu_us_per_message'] for r in rs])} | {spread([r['messages_per_client_s'] for r in rs])} "
                       f"| {'yes' if complete else 'NO'} |")
    out += ["", "| memory (server RSS) | server | MB at 0 | MB connected | kB per connection |", "|---|---|--:|--:|--:|"]
    for sc in scenarios:
        for mode in modes:
            rs = [r for r in results if (r["kind"], r["n"], r["rate"]) == sc and r["mode"] == mode]
            if rs:
                out.append(f"| {sc[1]} connections ({label(sc)}) | {mode} | {spread([r['rss_idle_mb'] for r in rs], '{:.0f}')} "
                           f"| {spread([r['rss_connected_mb'] for r in rs], '{:.0f}')} | {spread([r['kb_per_connection'] for r in rs], '{:.0f}')} |")
    out += ["", "| target (issue 18) | measured | met |", "|---|---|---|"]

    def target(name, value, ok):
        out.append(f"| {name} | {value} | {'yes' if ok else 'NO'} |")

    for sc in scenarios:
        f, node = med.get((sc, "facilitator")), med.get((sc, "node"))
        if f is None:
            continue
        kind, n, rate = sc
        if kind == "notes" and node is not None:
            cpu = f["cpu_us_per_message"] / node["cpu_us_per_message"]
            p99 = f["p99"] / node["p99"]
            target(f"{label(sc)}: CPU per message written <= 2x Node", f"{cpu:.2f}x ({f['cpu_us_per_message']:.1f} vs {node['cpu_us_per_message']:.1f} us)", cpu <= 2)
            target(f"{label(sc)}: p99 <= 1.5x Node", f"{p99:.2f}x ({f['p99']:.0f} vs {node['p99']:.0f} ms)", p99 <= 1.5)
        if kind == "notes" and n >= 1000 and rate >= 40:
            target(f"{label(sc)}: p50 < 25 ms", f"{f['p50']:.1f} ms", f["p50"] < 25)
        if kind == "notes" and n >= 2000 or kind == "vote":
            target(f"{label(sc)}: every change delivered, p99 < 250 ms", f"p99 {f['p99']:.0f} ms, all delivered: {'yes' if f['complete'] else 'no'}",
                   f["p99"] < 250 and f["complete"])
    return out


def parse_scenarios(text: str) -> list[tuple]:
    out = []
    for item in text.split(","):
        kind, n, rate = item.split(":")
        if kind not in ("notes", "vote"):
            raise SystemExit(f"unknown scenario kind {kind!r} (notes or vote)")
        out.append((kind, int(n), float(rate)))
    return out


def summarise(path: str) -> None:
    """Print the summary of a results file written with --json (also of a run that was cut short)."""
    results = json.loads(Path(path).read_text())
    scenarios = list(dict.fromkeys((r["kind"], r["n"], r["rate"]) for r in results))
    modes = list(dict.fromkeys(r["mode"] for r in results))
    for line in summary(results, scenarios, modes):
        print(line)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default="notes:1000:40,notes:2000:20,vote:2000:10",
                        help="comma separated kind:N:rate (notes:N:notes_per_s, vote:N:window_s)")
    parser.add_argument("--quick", action="store_true", help="development: notes:300:40,vote:300:3, 3 s, one run each")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (servers interleaved)")
    parser.add_argument("--posters", type=int, default=40, help="how many of the participants post notes (K)")
    parser.add_argument("--duration", type=float, default=5, help="seconds of posting per notes run")
    parser.add_argument("--drain", type=float, default=15, help="at most this many seconds to wait for late deliveries")
    parser.add_argument("--workers", default="1",
                        help="Facilitator server processes, comma separated (above 1: redis-server between them; e.g. 1,2,3)")
    parser.add_argument("--sizes", help="shorthand: notes scenarios for these N (with --rates)")
    parser.add_argument("--rates", default="40", help="with --sizes: total notes per second (comma separated)")
    parser.add_argument("--generators", type=int, default=3, help="load-generator (Node) processes")
    parser.add_argument("--only", default=",".join(SERVERS), help="servers to run, comma separated (facilitator,relay,node)")
    parser.add_argument("--tick-ms", type=int, default=None, help="Facilitator's longest coalescing tick (default 50)")
    parser.add_argument("--per-connection-us", type=float, default=None,
                        help="Facilitator's coalescing tick per connection, in microseconds (default: live/fanout.py)")
    parser.add_argument("--lean", action=argparse.BooleanOptionalAction, default=True,
                        help="listeners speak the wire protocol over `ws` instead of socket.io-client (cheaper; default)")
    parser.add_argument("--json", help="also write the results to this file (after every run)")
    parser.add_argument("--summary", metavar="FILE", help="only print the summary of a --json file")
    args = parser.parse_args(argv)
    if args.summary:
        summarise(args.summary)
        return
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: the servers and generators stop too
    if args.quick:
        args.scenarios, args.duration, args.repeat, args.drain = "notes:300:40,vote:300:3", 3, 1, 8
    if args.sizes:
        args.scenarios = ",".join(f"notes:{n}:{r}" for n in args.sizes.split(",") for r in args.rates.split(","))
    scenarios = parse_scenarios(args.scenarios)
    servers = [m for m in args.only.split(",") if m]
    if set(servers) - set(SERVERS):
        raise SystemExit(f"--only takes {', '.join(SERVERS)}")
    runs = [(m, w) for m in servers for w in ([int(x) for x in args.workers.split(",")] if m == "facilitator" else [1])]
    modes = [m if w == 1 else f"{m} W={w}" for m, w in runs]
    modules = node_modules()
    started = time.time()
    print(f"# fan-out on {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; "
          f"K={args.posters} posters, {args.duration:g} s of notes per run, {args.repeat} runs per figure, "
          f"{args.generators} Node load generators{' (lean listeners)' if args.lean else ''}", flush=True)
    results = []
    for sc in scenarios:
        print(f"# {label(sc)}", flush=True)
        for _ in range(args.repeat):
            for (mode, w), key in zip(runs, modes):
                r = run_scenario(mode, sc, args, modules, w)
                r["mode"] = key  # "facilitator W=2" for several processes
                results.append(r)
                print(report(r), flush=True)
                if args.json:  # after every run: a run cut short keeps what it measured
                    Path(args.json).write_text(json.dumps(results, indent=2))
    for line in summary(results, scenarios, modes):
        print(line)
    print(f"\n# {time.time() - started:.0f} s in all; load at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
