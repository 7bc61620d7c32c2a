// Loaded in Chromium by benchmarks/render.py, once from a copy of the old static/ and once from the
// new: mounts a board of 2,000 notes (the cockpit's, with its tools) and a wall of 500 timeline
// entries, then applies live updates one at a time and times each (event in -> DOM updated, layout
// done). The fake client has the interface both versions use (state, me, on, dispatch, pending,
// send); the new version runs the events through the real reducers of its store.
const variant = document.documentElement.dataset.variant; // "old" | "new"
const base = `/${variant}/static/js`;

function rng(seed) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function fakeLive(state, me) {
  const live = {
    state, me, listeners: [], loaded: true, auth: { conference_id: 1 }, status: "connected", outbox: [],
    on(prefix, fn) { const l = { prefix, fn }; live.listeners.push(l); return () => { live.listeners = live.listeners.filter((x) => x !== l); }; },
    subscribe(fn) { return live.on("", fn); },
    dispatch(e) { for (const l of [...live.listeners]) if (e.kind.startsWith(l.prefix)) l.fn(e); },
    pending: () => [], send: async () => ({ ok: true, result: {} }), query: async () => ({ ok: false }),
    serverNow: () => Date.now(), want() {}, local() {}, markEntryMine() {}, refresh() {},
  };
  return live;
}

const words = "future neighbourhood help buddy school work care money time place people together".split(" ");
const text = (r) => Array.from({ length: 3 + Math.floor(r() * 8) }, () => words[Math.floor(r() * words.length)]).join(" ");

function notesState(n) {
  const r = rng(7);
  const clusters = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `Cluster ${i + 1}`, session_id: 1 }));
  const notes = Array.from({ length: n }, (_, i) => ({ id: i + 1, session_id: 1, text: text(r), colour: "yellow",
    cluster_id: r() < 0.7 ? 1 + Math.floor(r() * 12) : null, hidden: false, author: null, merged_into: null }));
  return { room: { session: { id: 1, activity: "notes" }, input_open: true }, notes: { session_id: 1, notes, clusters, anonymous: true, show_others: true } };
}

function wallState(n) {
  const r = rng(11);
  const decades = [1990, 2000, 2010, 2020].map((d) => ({ decade: d, label: `${d}s`, from: d, to: d + 9 }));
  const entries = Array.from({ length: n }, (_, i) => ({ id: i + 1, lens: i % 3, decade: decades[Math.floor(r() * 4)].decade, text: text(r), year: null }));
  return { room: { session: { id: 2, activity: "timeline" }, input_open: true }, timelines: { lenses: ["personal", "local", "global"], decades, entries, showing: null } };
}

// Old code: the live client's reducers mutated the state in place (copied from the old live.js and
// _shared_past_present.js, the parts a new note or entry takes).
function oldReduce(live, e) {
  const d = e.data;
  if (e.kind === "note.added") live.state.notes.notes.push({ ...d.note });
  else if (e.kind === "timeline.entry") live.state.timelines.entries.push({ ...d });
}

async function newStore(live) {
  const { reducers } = await import(`${base}/state/index.js`);
  return (e) => {
    let s = live.state;
    for (const r of reducers) {
      if (r.prefixes.some((p) => e.kind.startsWith(p)) && !r.query) {
        const next = r.reduce(s[r.part], e, { staff: true, mine: new Set(), mineEntries: new Set() });
        if (next !== s[r.part]) s = { ...s, [r.part]: next };
      }
    }
    Object.assign(live.state, s);
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function mount(el, activity, view, live) {
  const mod = await import(`${base}/activities/${activity}.js`);
  const { t } = await import(`${base}/i18n.js`);
  const session = live.state.room.session;
  if (variant === "old") {
    await mod[view](el, { live, session, me: live.me, conference: {}, t });
  } else {
    const { mountScreen } = await import(`${base}/ui/screen.js`);
    const View = mod.views[view];
    mountScreen(live, el, (props) => View({ ...props, session, me: live.me, t }));
  }
  await tick();
  await tick();
}

async function scenario(name, state, activity, view, makeEvent, updates) {
  const el = document.createElement("div");
  document.body.append(el);
  const live = fakeLive(state, { role: "facilitator" });
  const reduce = variant === "old" ? (e) => oldReduce(live, e) : await newStore(live);
  const t0 = performance.now();
  await mount(el, activity, view, live);
  const mountMs = performance.now() - t0;
  const times = [];
  for (let i = 0; i < updates + 3; i++) {
    const e = makeEvent(i);
    const start = performance.now();
    reduce(e);
    live.dispatch(e);
    await tick(); // the new layer renders in a microtask; both wait the same
    void el.offsetHeight; // style and layout, as the browser must before it paints
    const ms = performance.now() - start;
    if (i >= 3) times.push(ms); // the first few warm the JIT up
  }
  const nodes = el.querySelectorAll("*").length;
  el.remove();
  times.sort((a, b) => a - b);
  return { name, mountMs, medianMs: times[Math.floor(times.length / 2)], p90Ms: times[Math.floor(times.length * 0.9)], nodes };
}

window.runBenchmark = async (updates = 30) => {
  const out = [];
  let id = 100000;
  out.push(await scenario("board of 2,000 notes (cockpit)", notesState(2000), "notes", "cockpit",
    () => ({ kind: "note.added", data: { note: { id: ++id, session_id: 1, text: "a new note from the room", colour: "pink", cluster_id: 3, hidden: false } } }), updates));
  out.push(await scenario("wall of 500 timeline entries (cockpit)", wallState(500), "timeline", "cockpit",
    () => ({ kind: "timeline.entry", data: { id: ++id, lens: 1, decade: 2010, text: "a new entry", year: null } }), updates));
  return out;
};
