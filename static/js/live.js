// The live engine's client: one Socket.IO connection, the state snapshot kept current by events,
// resync by sequence number after a reconnect, and an outbox (in localStorage) for changes that
// must not be lost: they are resent after a reconnect or a page reload until acknowledged.
// It is the one client store: the snapshot and every event go through the parts' pure reducers
// (static/js/state/, one per part, supplied by the activities), and the views (static/js/ui/) render
// from live.state after each change. The contract activity modules rely on is documented in
// docs/protocol.md ("Writing an activity module") and docs/frontend.md.
import { io } from "../vendor/socket.io/socket.io.esm.min.js";
import { uuid } from "./dom.js";
import { t } from "./i18n.js";
import { accept, caughtUp } from "./stream.js";
import * as room from "./state/room.js";
import { markMine as markNotesMine } from "./state/notes.js";
import { reducers } from "./state/index.js";
import { STAFF } from "./ui/view.js";

const ACK_TIMEOUT_MS = 10000;
const OFFLINE_AFTER_MS = 8000; // "reconnecting" turns into "offline" after this long without a connection

export function connectLive({ auth, onStatus, storageKey } = {}) {
  return new LiveClient(auth || {}, onStatus, storageKey);
}

class LiveClient {
  constructor(auth, onStatus, storageKey) {
    this.auth = auth;
    this.state = {};
    this.me = {};
    this.seq = 0;
    this.status = "connecting";
    this.loaded = false;
    this.offset = 0; // server clock minus ours, in ms
    this.listeners = [];
    this.onStatus = onStatus;
    this.key = storageKey || `facilitator.live.${auth.token || auth.presenter || "staff-" + auth.conference_id}`;
    this.outbox = this.load("outbox", []);
    this.mine = new Set(this.load("mine", []));
    this.waiters = new Map(); // op_id -> [resolve]
    this.queried = new Map(); // part name -> {loading, buffer}: parts loaded by their own query
    this.reducers = [...reducers]; // state/index.js's, and those a view brings with its part (want)
    this.buffer = null; // events that arrive while a resync is under way
    this.flushing = false;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.socket = io({ auth, transports: ["websocket", "polling"], reconnectionDelayMax: 4000 });
    this.socket.on("connect", () => this.connected());
    this.socket.on("disconnect", () => this.setStatus(navigator.onLine === false ? "offline" : "reconnecting"));
    this.socket.on("connect_error", () => this.setStatus(this.status === "connected" ? "reconnecting" : this.status));
    this.socket.on("welcome", (w) => { this.offset = w.server_now - Date.now(); });
    this.socket.on("events", (list) => this.receive(list));
    // The organiser re-mixed the tables or moved someone: the server moved us to our new rooms.
    this.socket.on("presence", (p) => { this.state.presence = p; this.dispatch({ kind: "live.presence", data: p }); });
    window.addEventListener("offline", () => this.setStatus("offline"));
    window.addEventListener("online", () => { if (!this.socket.connected) this.socket.connect(); });
    setInterval(() => {
      if (this.status === "reconnecting" && Date.now() - this.lostAt > OFFLINE_AFTER_MS) this.setStatus("offline");
    }, 1000);
  }

  // --- storage -------------------------------------------------------------------------
  load(name, fallback) {
    try { return JSON.parse(localStorage.getItem(`${this.key}.${name}`)) ?? fallback; } catch { return fallback; }
  }
  save(name, value) {
    try { localStorage.setItem(`${this.key}.${name}`, JSON.stringify(value)); } catch { /* private mode: memory only */ }
  }

  // --- status ----------------------------------------------------------------------------
  setStatus(status) {
    if (status !== "connected" && this.status === "connected") this.lostAt = Date.now();
    if (status === "reconnecting" && !this.lostAt) this.lostAt = Date.now();
    this.status = status;
    const info = { status, waiting: this.outbox.length };
    if (this.onStatus) this.onStatus(info);
    this.dispatch({ kind: "live.status", data: info });
  }

  serverNow() {
    return Date.now() + this.offset;
  }

  // --- receiving -------------------------------------------------------------------------
  async connected() {
    this.lostAt = 0;
    if (!this.loaded) {
      await this.refresh();
    } else {
      await this.resync();
    }
    this.setStatus("connected");
    this.flushOutbox();
  }

  // What was missed since this.seq (after a reconnect, or a gap in the stream), or a new snapshot
  // when the gap is older than what was applied (stream.stale) or the server is too far ahead.
  // Events arriving meanwhile wait in the buffer and are applied after it.
  async resync() {
    if (this.buffer) return; // one is under way already: this event waits in its buffer
    this.buffer = [];
    const reply = this.stale ? null
      : await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("sync", { seq: this.seq }).catch(() => null);
    const buffered = this.buffer;
    this.buffer = null;
    if (!reply || !reply.ok || reply.snapshot) await this.refresh();
    else { reply.events.forEach((e) => this.apply(e)); caughtUp(this, reply.seq); }
    buffered.forEach((e) => this.apply(e));
  }

  async refresh() {
    this.buffer = this.buffer || [];
    const reply = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("state", {}).catch(() => null);
    const buffered = this.buffer;
    this.buffer = null;
    if (!reply || !reply.ok) return;
    for (const name of this.queried.keys()) if (!(name in reply.state)) reply.state[name] = this.state[name]; // until reloaded
    this.state = reply.state;
    caughtUp(this, reply.state.seq);
    this.me = reply.state.me || {};
    if (this.state.room) this.offset = this.state.room.server_now - Date.now();
    this.state.notes = markNotesMine(this.state.notes, this.mine);
    this.saveMine();
    this.loaded = true;
    for (const name of this.queried.keys()) this.loadPart(name);
    buffered.forEach((e) => this.apply(e));
    this.dispatch({ kind: "live.state", data: this.state });
    this.resolveReady(this);
  }

  receive(list) {
    if (this.buffer) this.buffer.push(...list);
    else list.forEach((e) => this.apply(e));
  }

  apply(e) {
    if (this.buffer) { this.buffer.push(e); return; } // a resync is under way: after it
    const verdict = accept(this, e);
    // Missed one we may see: sync from our seq (the event that showed the gap comes again in its list).
    if (verdict === "gap") { if (this.socket.connected) this.resync(); return; }
    if (verdict !== "apply") return; // already seen (or in the snapshot)
    if (e.kind === "regrouped") { this.refresh(); return; } // new tables or groups: our rooms and view changed
    this.reduce(e);
    this.dispatch(e);
  }


  // What the reducers may know of this browser besides the events.
  env() {
    return { staff: STAFF.includes(this.me.role), role: this.me.role, mine: this.mine, mineEntries: mineEntries(this) };
  }

  // The one store: the event through the room's reducer and every part's, then the side effects.
  // A part loaded by its own query (reducer.query) takes only events newer than what it was loaded
  // with; while it loads, its events wait.
  reduce(e) {
    const before = this.state.room && this.state.room.session;
    let s = room.reduce(this.state, e);
    const env = this.env();
    for (const r of this.reducers) {
      if (r.prefixes.some((p) => e.kind.startsWith(p))) {
        if (r.query) {
          const q = this.queried.get(r.part);
          if (!q) continue;
          if (r.reloadOnly) { this.reloadPart(r.part, r.reloadAfterMs); continue; }
          if (q.loading) { q.buffer.push(e); continue; }
          const current = s[r.part];
          if (!current || (e.seq && e.seq <= current.seq)) continue;
          const next = r.reduce(current, e, env);
          if (next && next.reload) { this.reloadPart(r.part); continue; } // the part cannot take it: load it again
          if (next !== current) s = { ...s, [r.part]: e.seq ? { ...next, seq: e.seq } : next };
          continue;
        }
        const next = r.reduce(s[r.part], e, env);
        if (next !== s[r.part]) s = { ...s, [r.part]: next };
      }
    }
    // live.state stays one object (views and older modules hold it); its parts are replaced.
    if (s !== this.state) Object.assign(this.state, s);
    const session = this.state.room && this.state.room.session;
    if (e.kind === "room.session" && session && session !== before) this.loadNotes(session.id);
  }

  loadNotes(sessionId) {
    this.query("notes.list", { session_id: sessionId }).then((r) => {
      const part = this.state.notes;
      if (r && r.ok && part && part.session_id === sessionId) {
        const e = { kind: "note.loaded", data: markNotesMine(r.result, this.mine) };
        this.reduce(e);
        this.saveMine();
        this.dispatch(e);
      }
    }).catch(() => {});
  }

  // A change this browser makes before the server confirms it (an answer given, a reaction): it
  // goes through the same reducers, marked local.
  local(kind, data) {
    const e = { kind, data, local: true };
    this.reduce(e);
    this.dispatch(e);
  }

  // want(name): the part of that name, loaded with the live query of the same name (once, and again
  // after every new snapshot) and kept current by its reducer. Views call it through usePart.
  // A view may bring the part's reducer (an activity module that keeps its reducer with its views):
  // the part is then loaded by its query like any other, and kept current from then on.
  want(name, reducer = null) {
    if (reducer && !this.reducers.some((r) => r.part === name)) this.reducers.push({ ...reducer, part: name, query: true });
    if (this.queried.has(name)) return;
    this.queried.set(name, { loading: true, buffer: [] });
    if (this.loaded) this.loadPart(name);
  }

  reloadPart(name, ms = 300) {
    const q = this.queried.get(name);
    q.loading = true; // its events wait for the new copy
    clearTimeout(q.timer);
    q.timer = setTimeout(() => this.loadPart(name), ms);
  }

  async loadPart(name) {
    const q = this.queried.get(name);
    q.loading = true;
    let reply = null;
    try { reply = await this.query(name, {}); } catch { reply = null; }
    if (!reply || !reply.ok) { setTimeout(() => this.loadPart(name), 2000); return; }
    this.state[name] = reply.result;
    q.loading = false;
    const waiting = q.buffer;
    q.buffer = [];
    waiting.forEach((e) => this.reduce(e));
    this.dispatch({ kind: "live.part", data: { name } });
  }

  // Tell the views something changed; returns the unsubscribe function.
  subscribe(fn) {
    return this.on("", fn);
  }

  on(prefix, fn) {
    const entry = { prefix, fn };
    this.listeners.push(entry);
    return () => { this.listeners = this.listeners.filter((l) => l !== entry); };
  }

  dispatch(e) {
    for (const l of [...this.listeners]) {
      if (e.kind.startsWith(l.prefix)) {
        try { l.fn(e); } catch (err) { console.error(err); }
      }
    }
  }

  saveMine() {
    this.save("mine", [...this.mine].slice(-2000));
  }

  // A timeline entry this browser posted was acknowledged (the events carry no author).
  markEntryMine(id) {
    const mine = mineEntries(this);
    mine.add(id);
    try { localStorage.setItem("facilitator.timeline.mine", JSON.stringify([...mine].slice(-500))); } catch { /* memory only */ }
    const e = { kind: "timeline.mine", data: { id }, local: true };
    this.reduce(e);
    this.dispatch(e);
  }

  // --- sending ---------------------------------------------------------------------------
  // send(kind, data, {queue}) -> Promise<ack>. Queued operations survive a reload and are resent
  // (same op_id, so never applied twice) until the server answers.
  send(kind, data = {}, { queue = false } = {}) {
    const op = { op_id: uuid(), kind, data, at: Date.now() };
    if (queue) {
      this.outbox.push(op);
      this.save("outbox", this.outbox);
      this.setStatus(this.status);
      const done = new Promise((resolve) => this.waiters.set(op.op_id, resolve));
      this.flushOutbox();
      return done;
    }
    if (!this.socket.connected) {
      return Promise.resolve({ ok: false, error: { code: "offline", message: "Not connected." } });
    }
    return this.emit(op);
  }

  async emit(op) {
    let ack;
    try {
      ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(op.kind, { op_id: op.op_id, data: op.data });
    } catch {
      return { ok: false, error: { code: "timeout", message: t("No answer from the server.") }, retry: true };
    }
    if (ack && ack.ok && ack.result && ack.result.note) this.ownNote(ack.result.note, op.kind);
    return ack;
  }

  ownNote(note, kind) {
    if (note.mine) {
      this.mine.add(note.id);
      this.saveMine();
    }
    const e = { kind: kind === "note.post" ? "note.added" : "note.changed", data: { note }, local: true };
    this.reduce(e);
    this.dispatch(e);
  }

  pending(kind) {
    return this.outbox.filter((op) => !kind || op.kind === kind);
  }

  async flushOutbox() {
    if (this.flushing || !this.socket.connected || !this.loaded) return;
    this.flushing = true;
    try {
      while (this.outbox.length && this.socket.connected) {
        const op = this.outbox[0];
        const ack = await this.emit(op);
        if (ack.retry || (ack.error && ["rate_limited", "not_connected", "server_error"].includes(ack.error.code))) {
          await new Promise((r) => setTimeout(r, 1500));
          continue;
        }
        this.outbox.shift();
        this.save("outbox", this.outbox);
        const resolve = this.waiters.get(op.op_id);
        if (resolve) { this.waiters.delete(op.op_id); resolve(ack); }
        if (!ack.ok) this.dispatch({ kind: "live.rejected", data: { op, error: ack.error } });
        this.setStatus(this.status);
      }
    } finally {
      this.flushing = false;
    }
  }

  query(name, data = {}) {
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("query", { name, data });
  }
}

// Timeline entries this browser posted, kept across reloads.
function mineEntries(client) {
  if (!client.entriesMine) {
    let ids = [];
    try { ids = JSON.parse(localStorage.getItem("facilitator.timeline.mine") || "[]"); } catch { /* memory only */ }
    client.entriesMine = new Set(ids);
  }
  return client.entriesMine;
}

// --- small shared pieces of the views ---------------------------------------------------------

// "12:05" or "1:02:05" for a number of seconds.
export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

// Seconds left on the room's timer now (null when no timer is set).
export function timeLeft(live) {
  const timer = live.state.room && live.state.room.timer;
  if (!timer || (!timer.running && !timer.remaining)) return null;
  return timer.running ? Math.max(0, (timer.ends_at - live.serverNow()) / 1000) : timer.remaining;
}

