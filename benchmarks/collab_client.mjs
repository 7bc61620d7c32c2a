// The load generator of benchmarks/collab.py: connects one socket.io client per token (grouped by
// table), prints "ready", and for each line "<mode> <tables> <duration>" on stdin lets the people
// of the first <tables> tables type at 5 keystrokes a second for <duration> seconds: in mode "doc"
// into their table's shared story (Yjs, the vendored build the browser uses, one update per key),
// in mode "note" as note posts of the same rate (one post per keystroke). Prints one JSON line: latencies from a keystroke
// to each other person's copy (ms), acknowledgement times, sent/acked/refused. "quit" ends it.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import readline from "node:readline";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const require = createRequire(args.modules + "/");
const { io } = require("socket.io-client");
const Y = await import(args.yjs);

const byTable = JSON.parse(readFileSync(args.tokens, "utf8")); // [[table_id, [token, ...]], ...]
const KEYS_PER_SECOND = Number(args.rate || 5);
const now = () => performance.timeOrigin + performance.now();
const sentAt = new Map(); // update (base64) or note key -> [time, sender]
let stats = null;

function connect(token, tableId) {
  return new Promise((resolve, reject) => {
    const socket = io(args.url, { auth: { token }, transports: ["websocket"], reconnection: false, timeout: 60000 });
    const me = { socket, tableId, doc: new Y.Doc(), key: `scenario:${tableId}:story`, id: randomUUID() };
    me.text = me.doc.getText("text");
    socket.on("connect", () => resolve(me));
    socket.on("connect_error", reject);
    socket.on("events", (batch) => received(me, batch));
  });
}

function received(me, batch) {
  const t = now();
  for (const e of batch) {
    let mark = null;
    if (e.kind === "doc.update" && e.data.doc === me.key && e.data.update) {
      Y.applyUpdate(me.doc, Buffer.from(e.data.update, "base64"), "remote"); // what a phone does with it
      mark = e.data.update;
    } else if (e.kind === "note.added" && e.data.note.text.startsWith("bench ")) mark = e.data.note.text;
    const sent = mark && sentAt.get(mark);
    if (!sent || sent[1] === me.id || !stats) continue;
    stats.latencies.push(Math.round((t - sent[0]) * 10) / 10);
  }
}

// A keystroke. In mode "doc" it goes out as collab.js sends it: one update in flight per person and
// text, at most one every SEND_EVERY_MS; keys typed meanwhile are merged into the next update, which
// is stamped with its oldest keystroke (so the latency measured is the worst key's in it).
const SEND_EVERY_MS = 120;

function keystroke(me, mode) {
  const t = now();
  stats.keys += 1;
  if (mode === "doc") {
    let update = null;
    const grab = (u, origin) => { if (origin === "local") update = u; };
    me.doc.on("update", grab);
    me.doc.transact(() => me.text.insert(me.text.length, "abcdefghij"[stats.keys % 10]), "local");
    me.doc.off("update", grab);
    me.pending = me.pending ? Y.mergeUpdates([me.pending, update]) : update;
    if (me.oldest === undefined) me.oldest = t;
    flushDoc(me);
  } else {
    const text = `bench ${randomUUID()} ${t}`;
    sentAt.set(text, [t, me.id]);
    emit(me, "note.post", { text }, t);
  }
}

function flushDoc(me) {
  if (!me.pending || me.inFlight || me.timer) return;
  const wait = (me.lastSent || 0) + SEND_EVERY_MS - now();
  if (wait > 0) { me.timer = setTimeout(() => { me.timer = null; flushDoc(me); }, wait); return; }
  const b64 = Buffer.from(me.pending).toString("base64");
  sentAt.set(b64, [me.oldest, me.id]);
  const t = me.oldest;
  me.pending = null;
  me.oldest = undefined;
  me.inFlight = true;
  me.lastSent = now();
  emit(me, "doc.update", { doc: me.key, update: b64 }, t).then(() => { me.inFlight = false; flushDoc(me); });
}

function emit(me, kind, data, t) {
  stats.sent += 1;
  return me.socket.timeout(10000).emitWithAck(kind, { op_id: randomUUID(), data }).then((ack) => {
    if (ack && ack.ok) { stats.acked += 1; stats.ackTimes.push(Math.round((now() - t) * 10) / 10); }
    else { stats.refused += 1; if (stats.errors.length < 3) stats.errors.push(ack && ack.error); }
  }).catch(() => { stats.refused += 1; });
}

async function run(mode, tables, duration, people) {
  stats = { latencies: [], ackTimes: [], keys: 0, sent: 0, acked: 0, refused: 0, errors: [] };
  sentAt.clear();
  const typing = people.filter((p) => p.index < tables);
  const timers = typing.map((p) => setTimeout(() => {
    p.timer = setInterval(() => keystroke(p.me, mode), 1000 / KEYS_PER_SECOND);
  }, Math.random() * 1000 / KEYS_PER_SECOND));
  await new Promise((r) => setTimeout(r, duration * 1000));
  timers.forEach(clearTimeout);
  typing.forEach((p) => clearInterval(p.timer));
  // Drain: until every keystroke is answered and nothing more arrives for a moment (at most 15 s).
  let last = -1;
  for (let i = 0; i < 50 && (last !== stats.latencies.length || stats.acked + stats.refused < stats.sent
    || people.some((p) => p.me.pending)); i++) {
    last = stats.latencies.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  const out = stats;
  stats = null;
  return out;
}

const people = [];
for (const [index, [tableId, tokens]] of byTable.entries()) {
  for (const token of tokens) people.push({ index, me: await connect(token, tableId) });
}
console.log("ready");
const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  const [mode, tables, duration] = line.trim().split(" ");
  if (mode === "quit") break;
  console.log(JSON.stringify(await run(mode, Number(tables), Number(duration), people)));
}
people.forEach((p) => p.me.socket.close());
process.exit(0);
