// One load-generator process for benchmarks/fanout.py: connects COUNT socket.io clients over
// WebSocket, prints "ready", waits for "go" on stdin, lets its posters post at their share of the
// total rate for DURATION seconds, waits until deliveries stop (at most DRAIN seconds), prints one JSON line with what it saw
// (still connected), and closes its connections on "quit".
// With --mode=vote every client answers the statement once at a random moment of the DURATION
// (statement.answer); every client notes when each statement.results event (by seq) arrived; after
// the first report the driver sends "votes FILE" (every vote's ack seq and send time, from all the
// load generators) and this prints a second line: the latency histogram of every vote to every screen.
// Times are epoch milliseconds from performance.timeOrigin + performance.now(), comparable
// across the worker processes on this machine.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import readline from "node:readline";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const require = createRequire(args.modules + "/");
const { io } = require("socket.io-client");

const urls = args.url.split(","); // several: client i connects to server i % count (as a sticky proxy would spread them)
let nextUrl = 0;
const pickUrl = () => urls[nextUrl++ % urls.length];
const tokens = JSON.parse(readFileSync(args.tokens, "utf8"));
const posters = Number(args.posters); // how many of this worker's clients post
const ratePerPoster = Number(args.rate_per_poster); // notes per second each
const duration = Number(args.duration);
const drain = Number(args.drain || 3);
const worker = args.worker;
const mode = args.mode || "notes";
const statementId = Number(args.statement || 1);
const votes = []; // [ack seq, send time] of this process's votes
let voteErrors = 0;
const now = () => performance.timeOrigin + performance.now();

const latencies = []; // ms, one per delivery of someone else's note
let delivered = 0;
let messages = 0; // "events" messages received, all clients
let outOfOrder = 0; // events that came after a higher seq on the same connection (must be 0)
let sent = 0;
let acked = 0;
let refused = 0;
const ackTimes = [];
const clients = [];

function connect(token) {
  return new Promise((resolve, reject) => {
    const socket = io(pickUrl(), { auth: { token }, transports: ["websocket"], reconnection: false, timeout: 60000 });
    const me = { socket, own: new Set(), lastSeq: 0, arrivals: new Map(), vote: (payload, done) =>
      socket.timeout(30000).emit("statement.answer", payload, (err, ack) => done(err ? null : ack)) };
    socket.on("connect", () => resolve(me));
    socket.on("connect_error", (err) => reject(err));
    socket.on("events", (batch) => received(me, batch));
  });
}

function received(me, batch) {
  const t = now();
  messages += 1;
  for (const e of batch) {
    if (e.seq <= me.lastSeq) outOfOrder += 1;
    me.lastSeq = e.seq;
    if (e.kind === "statement.results") { me.arrivals.set(e.seq, t); continue; }
    if (e.kind !== "note.added") continue;
    const text = e.data.note.text;
    if (!text.startsWith("bench ")) continue;
    const [, key, at] = text.split(" ");
    if (me.own.has(key)) continue;
    delivered += 1;
    latencies.push(Math.round((t - Number(at)) * 10) / 10);
  }
}

// With --lean=1 the clients that only listen speak the Engine.IO/Socket.IO wire protocol directly
// over the `ws` package (handshake, auth, pong, "events" frames), without socket.io-client's layers:
// about half the load generator's CPU per message, so that on a small machine it takes less of the
// cores the server needs. Posters always use socket.io-client (they need acknowledgements).
function connectLean(token) {
  const WebSocket = require("ws");
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(pickUrl().replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket", { perMessageDeflate: false });
    const acks = new Map();
    let nextAck = 0;
    const me = { socket: { close: () => ws.close() }, own: new Set(), lastSeq: 0, arrivals: new Map(), vote: (payload, done) => {
      const id = nextAck++;
      acks.set(id, done);
      ws.send("42" + id + JSON.stringify(["statement.answer", payload]));
    } };
    ws.on("error", reject);
    ws.on("message", (raw) => {
      const frame = raw.toString();
      if (frame === "2") ws.send("3");
      else if (frame.startsWith("43")) {
        const m = /^43(\d+)/.exec(frame);
        const done = acks.get(Number(m[1]));
        acks.delete(Number(m[1]));
        if (done) done(JSON.parse(frame.slice(2 + m[1].length))[0]);
      }
      else if (frame[0] === "0") ws.send("40" + JSON.stringify({ token }));
      else if (frame.startsWith("40")) resolve(me);
      else if (frame.startsWith("44")) reject(new Error(frame));
      else if (frame.startsWith('42["events"')) received(me, JSON.parse(frame.slice(2))[1]);
    });
  });
}

async function connectAll() {
  const batch = 25;
  for (let i = 0; i < tokens.length; i += batch) {
    clients.push(...(await Promise.all(tokens.slice(i, i + batch).map((token, j) =>
      args.lean === "1" && i + j >= posters ? connectLean(token) : connect(token)))));
  }
}

function post(client, n) {
  const key = `${worker}-${n}-${randomUUID().slice(0, 8)}`;
  client.own.add(key);
  const at = now();
  sent += 1;
  client.socket.timeout(20000).emit("note.post", { op_id: randomUUID(), data: { text: `bench ${key} ${at.toFixed(2)}` } }, (err, ack) => {
    if (!err && ack && ack.ok) { acked += 1; ackTimes.push(now() - at); } else refused += 1;
  });
}

function vote(client, i) {
  const at = now();
  sent += 1;
  client.vote({ op_id: randomUUID(), data: { statement_id: statementId, answer: ["agree", "disagree", "pass"][i % 3] } }, (ack) => {
    if (ack && ack.ok) { acked += 1; ackTimes.push(now() - at); votes.push([ack.seq, at]); } else { refused += 1; voteErrors += 1; }
  });
}

function run() {
  if (mode === "vote") clients.forEach((client, i) => setTimeout(() => vote(client, i), Math.random() * duration * 1000));
  const posting = mode === "vote" ? [] : clients.slice(0, posters);
  const interval = 1000 / ratePerPoster;
  const start = now();
  posting.forEach((client, i) => {
    let n = 0;
    const offset = (interval * i) / Math.max(1, posting.length); // spread posters evenly over the interval
    const tick = () => {
      if (now() - start >= duration * 1000) return;
      post(client, n++);
      const next = start + offset + n * interval;
      setTimeout(tick, Math.max(0, next - now()));
    };
    setTimeout(tick, offset);
  });
  // after posting: wait until deliveries have stopped for a second (at most DRAIN seconds)
  let last = -1;
  let quietSince = 0;
  // report while still connected (the server's CPU is read before the disconnects), then close on "quit"
  const finish = () => {
    process.stdout.write(JSON.stringify({ worker, clients: clients.length, sent, acked, refused, delivered, messages, outOfOrder, latencies, ackTimes, votes }) + "\n");
  };
  setTimeout(() => {
    const deadline = now() + drain * 1000;
    const check = setInterval(() => {
      if (delivered !== last) { last = delivered; quietSince = now(); }
      if ((now() - quietSince > 1000 && acked + refused === sent) || now() > deadline) { clearInterval(check); finish(); }
    }, 100);
  }, duration * 1000);
}

// Every vote (from any load generator) to every screen here (the voter's too): ms from the vote to the
// arrival of results that count it: its own statement.results event, or a later one (a server may send
// only the newest results of a batch, each counts every answer before it), as a histogram of 1 ms
// buckets, and how many never came.
function firstArrivalFrom(seqs, times, seq) {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (seqs[mid] < seq) lo = mid + 1; else hi = mid; }
  return lo < seqs.length ? times[lo] : undefined;
}

function voteLatencies(file) {
  const all = JSON.parse(readFileSync(file, "utf8")); // [[seq, sentAt], ...]
  const histogram = {};
  let got = 0;
  let missing = 0;
  for (const client of clients) {
    const seqs = [...client.arrivals.keys()]; // in arrival order, which is seq order (counted otherwise)
    const times = [...client.arrivals.values()];
    for (const [seq, at] of all) {
      const t = firstArrivalFrom(seqs, times, seq);
      if (t === undefined) { missing += 1; continue; }
      got += 1;
      const ms = Math.max(0, Math.round(t - at));
      histogram[ms] = (histogram[ms] || 0) + 1;
    }
  }
  process.stdout.write(JSON.stringify({ worker, histogram, got, missing }) + "\n");
}

connectAll().then(() => {
  process.stdout.write("ready\n");
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    if (line.trim() === "go") run();
    if (line.startsWith("votes ")) voteLatencies(line.slice(6).trim());
    if (line.trim() === "quit") {
      clients.forEach((c) => c.socket.close());
      process.stdout.write("", () => process.exit(0)); // exit once the (large) result line is flushed
    }
  });
}).catch((err) => {
  process.stdout.write(JSON.stringify({ worker, error: String(err) }) + "\n");
  process.exit(1);
});
