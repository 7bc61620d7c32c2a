"""Live fan-out: N participants over WebSocket, K of them posting notes at a fixed total rate.

Measures, against a real server on 127.0.0.1, the time from posting a note until each other
client has it (p50/p95/p99), deliveries per second, and how many notes were acknowledged and how
many deliveries arrived of those expected. Every scenario runs twice: against Facilitator (the
full pipeline: validation, SQLite transaction, event log, coalesced fan-out) and against a bare
Flask-SocketIO relay on gevent (benchmarks/relay_server.py: no validation, no storage, one
message per note per client) as the baseline.

The load generator is Node (socket.io-client from the npm registry, installed on first use into
~/.cache/facilitator-bench) split over several processes, so it is not the bottleneck.

    python benchmarks/fanout.py                      # N = 100, 300, 1000 at 10 and 40 notes/s
    python benchmarks/fanout.py --sizes 100 --rates 10 --duration 5
    python benchmarks/fanout.py --only facilitator --tick-ms 50
    python benchmarks/fanout.py --workers 1,2,3 --sizes 1000,2000 --rates 40   # several server processes

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def node_modules() -> Path:
    modules = NODE_DEPS / "node_modules"
    if not (modules / "socket.io-client").exists():
        NODE_DEPS.mkdir(parents=True, exist_ok=True)
        print(f"installing {SOCKET_IO_CLIENT} into {NODE_DEPS} (npm, once)", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DEPS), SOCKET_IO_CLIENT],
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
    db.close()
    return path, tokens


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


def start_server(mode: str, tmp: Path, n: int, tick_ms: int | None, workers: int = 1):
    """The server(s): a list of processes (workers, then redis-server when there are several), their URLs, tokens."""
    env = {**os.environ}
    procs, urls = [], []
    if mode == "facilitator":
        db_path, tokens = prepare_facilitator(tmp, n)
        if tick_ms is not None:
            env["FACILITATOR_LIVE_TICK_MS"] = str(tick_ms)
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
        tokens = [f"relay-{i}" for i in range(n)]
        port = free_port()
        procs.append(subprocess.Popen([sys.executable, str(HERE / "relay_server.py"), str(port)], cwd=ROOT, env=env,
                                      stdout=open(tmp / "relay.log", "ab"), stderr=subprocess.STDOUT))
        urls.append(f"http://127.0.0.1:{port}")
    for i, url in enumerate(urls):
        wait_healthy(url, procs[i], tmp / (f"worker{i}.log" if mode == "facilitator" else "relay.log"))
    return procs, urls, tokens


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to compare work done under a noisy load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_scenario(mode: str, n: int, rate: float, args, modules: Path, server_workers: int = 1) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"fanout-{mode}-"))
    procs, urls, tokens = start_server(mode, tmp, n, args.tick_ms, server_workers)
    url = ",".join(urls)
    workers = []
    try:
        posters = min(args.posters, n)
        per_worker = [tokens[i::args.generators] for i in range(args.generators)]
        poster_split = [len(range(i, posters, args.generators)) for i in range(args.generators)]
        for i, chunk in enumerate(per_worker):
            tokens_file = tmp / f"tokens-{i}.json"
            tokens_file.write_text(json.dumps(chunk))
            workers.append(subprocess.Popen(
                ["node", str(HERE / "fanout_client.mjs"), f"--url={url}", f"--tokens={tokens_file}",
                 f"--modules={modules}", f"--posters={poster_split[i]}", f"--rate_per_poster={rate / posters}",
                 f"--duration={args.duration}", f"--drain={args.drain}", f"--worker={i}",
                 f"--lean={int(args.lean)}"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for w in workers:
            line = w.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"worker failed: {line}")
        time.sleep(1.5)  # let the connection burst (and the cockpit's presence updates) settle
        cpu_before = sum(cpu_seconds(p.pid) for p in procs)
        for w in workers:
            w.stdin.write("go\n")
            w.stdin.flush()
        results = [json.loads(w.stdout.readline()) for w in workers]
        server_cpu = sum(cpu_seconds(p.pid) for p in procs) - cpu_before  # before the disconnects: only the posting counts
        for w in workers:
            w.stdin.write("quit\n")
            w.stdin.flush()
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    latencies = sorted(x for r in results for x in r["latencies"])
    acks = sorted(x for r in results for x in r["ackTimes"])
    acked = sum(r["acked"] for r in results)
    delivered = sum(r["delivered"] for r in results)
    messages = sum(r.get("messages", 0) for r in results)
    return {
        "mode": mode, "workers": server_workers, "n": n, "rate": rate,
        "messages_per_client_s": messages / n / args.duration, "out_of_order": sum(r.get("outOfOrder", 0) for r in results), "sent": sum(r["sent"] for r in results), "acked": acked,
        "refused": sum(r["refused"] for r in results), "delivered": delivered, "expected": acked * (n - 1),
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else float("nan"),
        "ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99),
        "deliveries_per_s": delivered / args.duration, "server_cpu_s": server_cpu,
        "cpu_us_per_delivery": server_cpu / delivered * 1e6 if delivered else float("nan"),
        "load": os.getloadavg()[0],
    }


def report(r: dict) -> str:
    return (f"{r['mode']:<12} W={r['workers']} N={r['n']:<5} {r['rate']:>4.0f} notes/s  p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
            f"p99 {r['p99']:7.1f} ms  max {r['max']:7.1f} ms  {r['deliveries_per_s']:8.0f} deliveries/s  "
            f"acked {r['acked']}/{r['sent']}  delivered {r['delivered']}/{r['expected']}  "
            f"(ack p50 {r['ack_p50']:.1f} ms, p99 {r['ack_p99']:.1f} ms)  server CPU {r['server_cpu_s']:.1f} s = "
            f"{r['cpu_us_per_delivery']:.1f} us/delivery  {r['messages_per_client_s']:.1f} msgs/client/s  "
            f"out of order {r['out_of_order']}  load {r['load']:.1f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000", help="participants per run (comma separated)")
    parser.add_argument("--rates", default="10,40", help="total notes per second (comma separated)")
    parser.add_argument("--posters", type=int, default=40, help="how many of the participants post (K)")
    parser.add_argument("--duration", type=float, default=10, help="seconds of posting per run")
    parser.add_argument("--drain", type=float, default=20, help="at most this many seconds to wait for late deliveries")
    parser.add_argument("--workers", default="1", help="Facilitator server processes per run (comma separated, e.g. 1,2,3)")
    parser.add_argument("--generators", type=int, default=3, help="load-generator (Node) processes")
    parser.add_argument("--only", choices=("facilitator", "relay"), help="run one side only")
    parser.add_argument("--tick-ms", type=int, default=None, help="Facilitator's coalescing tick (default 50)")
    parser.add_argument("--lean", action="store_true",
                        help="listeners speak the wire protocol over `ws` instead of socket.io-client (cheaper)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    modules = node_modules()
    modes = [args.only] if args.only else ["facilitator", "relay"]
    print(f"# fan-out on {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d %H:%M:%S')}; "
          f"K={args.posters} posters, {args.duration:.0f} s per run, {args.generators} Node load generators", flush=True)
    results = []
    for n in [int(x) for x in args.sizes.split(",")]:
        for rate in [float(x) for x in args.rates.split(",")]:
            for mode in modes:
                for w in ([int(x) for x in args.workers.split(",")] if mode == "facilitator" else [1]):
                    r = run_scenario(mode, n, rate, args, modules, w)
                    results.append(r)
                    print(report(r), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    print("# out of order, all runs (must be 0):", sum(r["out_of_order"] for r in results))
    print("# p99 under 100 ms with every note delivered:",
          ", ".join(f"{r['mode']} W={r['workers']} N={r['n']} {r['rate']:.0f}/s: {'yes' if r['p99'] < 100 and r['delivered'] == r['expected'] else 'no'}"
                    for r in results))


if __name__ == "__main__":
    main()
