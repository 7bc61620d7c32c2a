// The live engine's client: one Socket.IO connection, the state snapshot kept current by events,
// resync by sequence number after a reconnect, and an outbox (in localStorage) for changes that
// must not be lost: they are resent after a reconnect or a page reload until acknowledged.
// The contract activity modules rely on is documented in docs/protocol.md ("Writing an activity module").
import { io } from "/static/vendor/socket.io/socket.io.esm.min.js";
import { clear, h, uuid } from "./dom.js";
import { t } from "./i18n.js";
import { accept, caughtUp } from "./stream.js";

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
    this.buffer = null; // events that arrive while a resync is under way
    this.flushing = false;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.socket = io({ auth, transports: ["websocket", "polling"], reconnectionDelayMax: 4000 });
    this.socket.on("connect", () => this.connected());
    this.socket.on("disconnect", () => this.setStatus(navigator.onLine === false ? "offline" : "reconnecting"));
    this.socket.on("connect_error", () => this.setStatus(this.status === "connected" ? "reconnecting" : this.status));
    this.socket.on("welcome", (w) => { this.offset = w.server_now - Date.now(); });
    this.socket.on("events", (list) => this.receive(list));
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

  // What was missed since this.seq (after a reconnect, or a gap in the stream), or a new snapshot.
  async resync() {
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
    this.state = reply.state;
    caughtUp(this, reply.state.seq);
    this.me = reply.state.me || {};
    if (this.state.room) this.offset = this.state.room.server_now - Date.now();
    this.markMine(this.state.notes);
    this.loaded = true;
    buffered.forEach((e) => this.apply(e));
    this.dispatch({ kind: "live.state", data: this.state });
    this.resolveReady(this);
  }

  receive(list) {
    if (this.buffer) this.buffer.push(...list);
    else list.forEach((e) => this.apply(e));
  }

  apply(e) {
    if (this.buffer) return this.buffer.push(e); // a resync is under way: after it
    const verdict = accept(this, e);
    if (verdict === "gap") return this.resync(); // missed one we may see: fetch it (this event too)
    if (verdict !== "apply") return; // already seen (or in the snapshot)
    reduce(this, e);
    this.dispatch(e);
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

  markMine(part) {
    if (!part || !part.notes) return;
    for (const n of part.notes) {
      if (n.mine) this.mine.add(n.id);
      else if (this.mine.has(n.id)) n.mine = true;
    }
    this.save("mine", [...this.mine].slice(-2000));
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
      this.save("mine", [...this.mine].slice(-2000));
    }
    const e = { kind: kind === "note.post" ? "note.added" : "note.changed", data: { note }, local: true };
    reduce(this, e);
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

// --- keeping the core parts of the state current -------------------------------------------
function reduce(client, e) {
  const s = client.state;
  const d = e.data;
  const room = s.room || (s.room = {});
  if (e.kind === "room.session") {
    room.session = d.session;
    room.current_session_id = d.session && d.session.id;
    room.input_open = d.input_open;
    room.timer = d.timer;
    s.notes = d.session ? { session_id: d.session.id, notes: [], clusters: [], anonymous: d.session.anonymous,
      show_others: d.session.show_others } : null;
    if (d.session) {
      client.query("notes.list", { session_id: d.session.id }).then((r) => {
        if (r && r.ok && s.notes && s.notes.session_id === d.session.id) {
          s.notes = r.result;
          client.markMine(s.notes);
          client.dispatch({ kind: "note.loaded", data: s.notes });
        }
      }).catch(() => {});
    }
  } else if (e.kind === "room.input") room.input_open = d.open;
  else if (e.kind === "room.timer") room.timer = d.timer;
  else if (e.kind === "room.message") room.message = d;
  else if (e.kind === "regrouped") client.refresh(); // new tables or groups: our rooms and view changed
  else if (e.kind === "programme.changed") s.programme = d.programme;
  else if (e.kind === "conference.changed") { s.conference = d.conference; room.status = d.status; }
  else if (e.kind === "session.settings") {
    if (room.session && room.session.id === d.session_id) Object.assign(room.session, d);
    if (s.notes && s.notes.session_id === d.session_id) Object.assign(s.notes, d);
  } else if (e.kind.startsWith("note.") || e.kind.startsWith("cluster.")) reduceNotes(client, e);
}

function reduceNotes(client, e) {
  const part = client.state.notes;
  const d = e.data;
  const sessionId = d.note ? d.note.session_id : d.cluster ? d.cluster.session_id : d.session_id;
  if (!part || part.session_id !== sessionId) return;
  const staff = ["organiser", "facilitator"].includes(client.me.role);
  if (d.note) {
    const note = { ...d.note };
    if (client.mine.has(note.id)) note.mine = true;
    const i = part.notes.findIndex((n) => n.id === note.id);
    if (i >= 0) part.notes[i] = { ...part.notes[i], ...note };
    else part.notes.push(note);
  } else if (e.kind === "note.removed" || e.kind === "note.hidden") {
    const i = part.notes.findIndex((n) => n.id === d.id);
    if (i >= 0) {
      if (e.kind === "note.hidden" && (staff || part.notes[i].mine)) part.notes[i].hidden = true;
      else part.notes.splice(i, 1);
    }
    if (e.kind === "note.removed") part.notes.forEach((n) => { if (n.merged_into === d.id) n.merged_into = null; });
  } else if (d.cluster) {
    const i = part.clusters.findIndex((c) => c.id === d.cluster.id);
    if (i >= 0) part.clusters[i] = d.cluster;
    else part.clusters.push(d.cluster);
  } else if (e.kind === "cluster.removed") {
    part.clusters = part.clusters.filter((c) => c.id !== d.id);
    part.notes.forEach((n) => { if (n.cluster_id === d.id) n.cluster_id = null; });
  }
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

// Where a session's activity module lives; views fall back to notes (input) or plenary.
export async function loadActivity(activity) {
  try {
    return await import(`/static/js/activities/${activity}.js`);
  } catch (err) {
    if (!/Failed to fetch|Importing a module script failed|error loading dynamically/i.test(String(err))) console.error(err);
    return null;
  }
}

export const NO_INPUT = ["plenary", "break"];

// Mount the current session's module into el with view "participant" | "cockpit" | "presenter".
// Returns a cleanup function.
export async function mountActivity(el, view, ctx) {
  const activity = (ctx.session && ctx.session.activity) || "plenary";
  let mod = await loadActivity(activity);
  if (!mod || typeof mod[view] !== "function") {
    mod = await loadActivity(NO_INPUT.includes(activity) ? "plenary" : "notes");
  }
  el.dataset.activity = activity;
  try {
    const cleanup = mod && typeof mod[view] === "function" ? await mod[view](el, ctx) : null;
    return typeof cleanup === "function" ? cleanup : () => {};
  } catch (err) {
    console.error(err);
    return () => {};
  }
}

// For the views: returns follow(), which (re)mounts the current session's module into container
// for view "participant" | "cockpit" | "presenter" whenever the session changes.
export function activityFollower(live, view, container) {
  let cleanup = () => {};
  let mounted = null;
  return async function follow() {
    const s = (live.state.room && live.state.room.session) || null;
    if ((s && s.id) === (mounted && mounted.id)) return;
    mounted = s;
    cleanup();
    cleanup = () => {};
    clear(container);
    if (!s) return;
    const el = h("div", { class: "activity" });
    container.append(el);
    const done = await mountActivity(el, view, { live, session: s, conference: live.state.conference, me: live.me, t });
    if (mounted === s) cleanup = done;
    else done();
  };
}
